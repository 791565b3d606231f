/** Guards declared with a command; `interaction-create` runs them before the command and logs refusals. */
import { PermissionFlagsBits, type GuildMember } from 'discord.js';
import type { Guard } from './context.js';

/** Members holding `permission` in this guild (checked on the interaction's own member permissions). */
export function requirePermission(permission: bigint): Guard {
  return (interaction) => interaction.inGuild() && interaction.memberPermissions?.has(permission) === true;
}

export const manageServer = requirePermission(PermissionFlagsBits.ManageGuild);

/** Moderators: Manage Messages, or one of TRUSTED_ROLE_IDS. */
export const moderator: Guard = (interaction, ctx) => {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) return true;
  const roles = interaction.member.roles;
  const held: readonly string[] = Array.isArray(roles) ? roles : [...(roles as GuildMember['roles']).cache.keys()];
  return ctx.config.trustedRoleIds.some((id) => held.includes(id));
};
