/** `npm run register`: registers the slash commands (guild-scoped with DISCORD_GUILD_ID, else global). */
import { DiscordAPIError } from 'discord.js';
import { isUserError } from '../core/errors.js';
import { deployCommands } from './deploy-commands.js';
import { networkFailure, unreachable } from './network-error.js';
import { loadBotConfig } from './env.js';

try {
  const config = loadBotConfig();
  const { scope, names } = await deployCommands({ ...config, api: config.apiUrl ?? undefined });
  console.log(
    scope === 'guild'
      ? `Registered ${names.length} commands in server ${config.guildId}: /${names.join(', /')}`
      : `Registered ${names.length} global commands: /${names.join(', /')} (they can take up to an hour to appear everywhere).`,
  );
} catch (err) {
  if (isUserError(err)) console.error(`error: ${err.message}`);
  else if (err instanceof DiscordAPIError && err.status === 401)
    console.error('error: Discord rejected DISCORD_TOKEN. Copy the bot token again from the developer portal into .env.');
  else if (err instanceof DiscordAPIError)
    console.error(`error: Discord refused the commands (${err.status} ${err.message}). Check DISCORD_CLIENT_ID and DISCORD_GUILD_ID.`);
  else if (networkFailure(err)) console.error(`error: ${unreachable(networkFailure(err)!)} Then run \`npm run register\` again.`);
  else console.error('Unexpected error (a bug; please report it):', err);
  process.exitCode = 1;
}
