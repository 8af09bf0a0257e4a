// The sandbox POS back office's look, shared by its pages (backoffice.ts, backofficeDay.ts).
export const BACK_OFFICE_STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f6f6f7;color:#202223}
header{background:#1f2a37;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:center}
header a{color:#cfe3ff} main{padding:16px 24px;max-width:1100px}
section{background:#fff;border:1px solid #dfe3e8;border-radius:8px;padding:12px 16px;margin:0 0 16px}
h1{font-size:18px;margin:0} h2{font-size:16px;margin:4px 0 8px} h3{font-size:14px;margin:12px 0 6px}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee}
td.amount{text-align:right;font-variant-numeric:tabular-nums}
form.inline{display:inline} button{cursor:pointer} .muted{color:#6d7175}
.notice{background:#e3f1df;border-color:#b7d9ac} .error{background:#fbeae5;border-color:#e0b3a6}
.voided{color:#8c9196;text-decoration:line-through}
`;
