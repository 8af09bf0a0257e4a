// `npm start`: Daybook on Node with the sandbox platform (see README).
import { EnvError } from "./env";
import { startNodeServer } from "./nodeServer";

try {
  const server = await startNodeServer();
  const { env } = server.deps;
  console.log(`Daybook is listening on ${env.appUrl}`);
  if (env.sandbox) console.log(`Sandbox POS back office: ${env.posAdminUrl}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
