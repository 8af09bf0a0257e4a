import type { MessageKey } from "./en";

export const fr: Record<MessageKey, string> = {
  "doc.journal_entry": "Daybook, journal des ventes, {store}, {date}",
  "doc.cash_drawer": "Daybook, tiroir-caisse, {store}, {date}",
  "doc.cogs": "Daybook, coût des produits vendus, {store}, {date}",
  "doc.purchase_orders": "Daybook, bons de commande reçus, {store}, {date}",
  "doc.sales_receipt": "Daybook, reçu de ventes, {store}, {date}",
  "doc.invoice": "Daybook, facture de ventes, {store}, {date}",

  "line.sales": "Ventes : {name}",
  "line.all_sales": "Toutes les ventes",
  "line.returns": "Retours",
  "line.returns_of": "Retours : {name}",
  "line.discount": "Réduction : {name}",
  "line.all_discounts": "Toutes les réductions",
  "line.tax": "Taxe : {name}",
  "line.tips": "Pourboires",
  "line.gift_cards_sold": "Cartes-cadeaux vendues",
  "line.credit_account_deposits": "Dépôts aux comptes de crédit",
  "line.rounding": "Arrondi",
  "line.payment": "Paiement : {name}",
  "line.all_credit_cards": "Toutes les cartes de crédit",
  "line.cash": "Paiements en argent comptant",
  "line.cash_deposit": "Dépôt d’argent comptant",
  "line.cash_in_drawer": "Argent comptant dans le tiroir-caisse",
  "line.payouts": "{register} : décaissements",
  "line.paid_ins": "{register} : encaissements",
  "line.over_short": "{register} : argent en trop/en moins",
  "line.cogs": "Coût des produits vendus : {name}",
  "line.inventory": "Stock : {name}",
  "line.all_categories": "Toutes les catégories",
  "line.purchase_order": "Bon de commande {id}, {vendor}",

  "problem.unmapped_category":
    "La catégorie de ventes « {name} » n’est pas mappée et il n’y a pas de mappage Toutes les ventes. Mappez-la, ou mappez Toutes les ventes.",
  "problem.unmapped_item":
    "L’article « {name} » n’est pas mappé et il n’y a pas de mappage Toutes les ventes. Mappez-le, ou mappez Toutes les ventes.",
  "problem.unmapped_discount":
    "La réduction « {name} » n’est pas mappée et il n’y a pas de mappage Toutes les réductions. Mappez-la, ou mappez Toutes les réductions.",
  "problem.unmapped_returns": "Les retours ne sont pas mappés.",
  "problem.unmapped_tax": "La taxe « {name} » n’est pas mappée dans Autres frais.",
  "problem.unmapped_tax_code":
    "La taxe « {name} » n’a pas de code de taxe dans Taxes (la taxe de vente est suivie dans le logiciel comptable).",
  "problem.unmapped_gift_cards":
    "Des cartes-cadeaux ont été vendues ou utilisées, mais Cartes-cadeaux n’est pas mappé dans Autres frais.",
  "problem.unmapped_tips":
    "Des pourboires ont été perçus, mais Pourboires n’est pas mappé dans Autres frais.",
  "problem.unmapped_credit_account":
    "Des dépôts aux comptes de crédit ont été reçus, mais Compte de crédit n’est pas mappé dans Autres frais.",
  "problem.unmapped_payment_type": "Le type de paiement « {name} » n’est pas mappé dans Paiements.",
  "problem.unmapped_all_credit_cards":
    "Les cartes de crédit sont combinées, mais Toutes les cartes de crédit n’est pas mappé dans Paiements.",
  "problem.unmapped_paid_ins":
    "La caisse « {name} » a des encaissements, mais Encaissements n’est pas mappé dans Tiroir-caisse.",
  "problem.unmapped_rounding":
    "Des ventes diffèrent de leurs paiements de montants compris dans la tolérance, mais Arrondi n’est pas mappé.",
  "problem.unmapped_inventory":
    "La catégorie de stock « {name} » n’a pas de compte de stock ou de coût des produits vendus et il n’y a pas de mappage TOUS. Mappez-la, mappez TOUS, ou ignorez-la.",
  "problem.unmapped_purchase_orders":
    "Des bons de commande ont été reçus, mais Bons de commande n’est pas mappé.",
  "problem.accounts_receivable":
    "Le compte « {name} » est un compte débiteur, qui ne peut pas être mappé. Utilisez plutôt un compte Autre actif à court terme.",
  "problem.out_of_balance":
    "Vente {name} : les lignes et la taxe totalisent {owed}, mais les paiements moins le pourboire totalisent {paid}, soit un écart de {difference}, au-delà de la tolérance de {tolerance}.",
  "problem.missing_unit_cost":
    "L’article « {name} » n’a pas de coût unitaire ; son coût des produits vendus est compté à zéro.",

  "cli.usage":
    "Usage : daybook preview --day JOURNEE.json --mapping MAPPAGE.json [--format json|hledger] [--chart PLAN.json] [--locale en|fr]",
  "cli.invalid": "{what} non valide :",
  "cli.unreadable": "Impossible de lire {what} {file} : {reason}",
  "cli.not_json": "{what} {file} n’est pas un JSON valide : {reason}",
  "cli.held": "La journée est en attente : corrigez ceci avant de pouvoir la reporter :",
  "cli.out_of_balance": "La journée n’est pas équilibrée :",
  "cli.what.day": "journée",
  "cli.what.mapping": "mappage",
  "cli.what.chart": "plan comptable",
  "status.missing": "Manquante",
  "status.open": "Ouverte dans le PDV",
  "status.empty": "Aucune activité",
  "status.hold": "En attente",
  "status.out_of_balance": "Déséquilibrée",
  "status.queued": "En file",
  "status.posting": "Report en cours",
  "status.posted": "Reportée",
  "status.update": "Mise à jour en attente",
  "status.failed": "Échec",
  "role.super_user": "super utilisateur",
  "role.manager": "gérant",
  "role.cashier": "caissier",
  "install.start_again": "Recommencer l’installation",
  "install.expired.title": "Ce lien d’installation a expiré",
  "install.expired.body":
    "Daybook n’a pas pu confirmer que cette autorisation a commencé ici : elle a pris plus de 10 minutes, le navigateur a bloqué le témoin ou le lien a été ouvert dans un autre navigateur. Rien n’a été installé.",
  "install.denied.title": "Daybook n’a pas été autorisé",
  "install.denied.body":
    "Daybook a besoin d’accéder à votre PDV pour importer vos magasins et leurs ventes. Rien n’a été installé.",
  "install.missing_code.title": "Le PDV n’a pas envoyé de code d’autorisation",
  "install.missing_code.body": "L’adresse est incomplète. Rien n’a été installé.",
  "install.code_refused.title": "Le PDV a refusé cette autorisation",
  "install.code_refused.body":
    "Le code d’autorisation a expiré ou a déjà été utilisé. Rien n’a été installé.",
  "install.unavailable.title": "Le PDV est injoignable",
  "install.unavailable.body": "Réessayez dans quelques minutes.",
  "install.failed.title": "Daybook n’a pas pu terminer l’installation",
  "install.failed.body": "Le PDV a répondu quelque chose d’inattendu : {reason}",
  "ledger.unknown.title": "Ce logiciel comptable n’est pas disponible",
  "ledger.unknown.body": "Daybook ne peut pas se connecter à « {ledger} » sur ce serveur.",
  "ledger.expired.title": "Ce lien de connexion a expiré",
  "ledger.expired.body":
    "Daybook n’a pas pu confirmer que cette connexion a commencé ici, ou elle a pris plus de 10 minutes. Recommencez depuis l’onglet Comptabilité. Rien n’a été modifié.",
  "ledger.denied.title": "{ledger} n’a pas été connecté",
  "ledger.denied.body":
    "Daybook a besoin d’accéder à {ledger} pour y publier vos ventes. Rien n’a été modifié.",
  "ledger.refused.title": "{ledger} a refusé cette autorisation",
  "ledger.refused.body":
    "L’autorisation a expiré ou a déjà servi. Recommencez depuis l’onglet Comptabilité. Rien n’a été modifié.",
  "ledger.no_company.title": "Aucune entreprise {ledger} n’a été choisie",
  "ledger.no_company.body":
    "{ledger} n’a pas indiqué dans quelle entreprise publier. Recommencez et choisissez-en une. Rien n’a été modifié.",
  "ledger.connected.title": "{ledger} est connecté",
  "ledger.connected.body":
    "Daybook publiera dans {company}. Vous pouvez fermer cette fenêtre et revenir au PDV.",

  "export.sale_number": "Numéro de vente",
  "export.completed_at": "Conclue le",
  "export.voided": "Annulée",
  "export.row": "Type de ligne",
  "export.item": "Article",
  "export.category": "Catégorie",
  "export.quantity": "Quantité",
  "export.unit_price": "Prix unitaire",
  "export.subtotal": "Sous-total",
  "export.discounts": "Réductions",
  "export.tax": "Taxe : {name}",
  "export.total_with_tax": "Total taxes comprises",
  "export.payment_type": "Mode de paiement",
  "export.amount": "Montant",
  "export.pos_total": "Total de la vente (PDV)",
  "export.yes": "oui",
  "export.no": "non",
  "export.row.line": "ligne",
  "export.row.payment": "paiement",
  "export.row.tip": "pourboire",
  "export.row.sale_total": "total de la vente",
  "export.day_totals": "Totaux de la journée, {store}, {date} (ventes annulées exclues)",
  "export.day.sales": "Ventes",
  "export.day.voided": "Ventes annulées",
  "export.day.lines": "Lignes avant réductions",
  "export.day.taxes": "Taxes",
  "export.day.payments": "Paiements",
  "export.day.tips": "Pourboires",
  "mail.job.subject": "Tâche Daybook terminée : {name}",
  "mail.job.type": "Type de tâche : {type}",
  "mail.job.scope": "{stores} magasins, {entries} entrées, du {from} au {to}",
  "mail.job.counts": "Terminées : {completed}. En échec : {failed}. Annulées : {cancelled}.",
  "mail.job.failed": "Entrées en échec :",
  "mail.job.failed_entry": "- {store}, {date} : {error} ({type})",
  "mail.job.more": "… et {count} de plus.",
  "mail.job.review":
    "Consultez chaque entrée dans votre POS : Paramètres › Planificateur de chargement POS › Tâches terminées.",
  "job.type.load_missing": "Charger les données manquantes",
  "job.type.reload": "Actualiser",
  "job.type.regenerate": "Régénérer la comptabilité",
};
