// Builders for the Discord API v10 objects the emulator serves. Types come from
// discord-api-types (re-exported by discord.js) so tsc catches missing required
// fields. Enum values are written as literals (with a cast where the enum has no
// 0 member) so the emulator loads nothing of discord.js at runtime.
import type {
  APIAttachment,
  APIGuildMember,
  APIMessage,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  Locale,
  MessageFlags,
  RoleFlags,
  UserFlags,
} from 'discord.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeIncrement = 0n;

/** A fresh, time-ordered snowflake (discord.js derives createdAt from it). */
export function snowflake(): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  const elapsed = BigInt(Date.now()) - DISCORD_EPOCH;
  return ((elapsed << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

/** Creation time (epoch ms) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function isoNow(): string {
  return new Date().toISOString();
}

/** Permission bits the default guild uses (values from the Discord docs). */
export const Perm = {
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export const EVERYONE_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.AddReactions |
  Perm.UseExternalEmojis |
  Perm.UseApplicationCommands |
  Perm.CreatePublicThreads |
  Perm.SendMessagesInThreads;

export const BOT_ROLE_PERMISSIONS =
  EVERYONE_PERMISSIONS | Perm.CreatePrivateThreads | Perm.ManageThreads | Perm.ManageMessages;

/** Gateway intent bits the emulator honours when filtering dispatches. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  MessageContent: 1 << 15,
} as const;

export interface EmulatorIds {
  guildId: string;
  channelId: string;
  botUserId: string;
  applicationId: string;
  userId: string;
  botRoleId: string;
}

export function makeUser(id: string, username: string, bot: boolean): APIUser {
  return {
    id,
    username,
    discriminator: bot ? '0001' : '0',
    global_name: bot ? null : username,
    avatar: null,
    bot,
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
  };
}

/** Guild member as it appears inside GUILD_CREATE / interactions (with user). */
export function makeMember(user: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

/** MESSAGE_CREATE carries `member` without the nested user. */
export function memberWithoutUser(member: APIGuildMember): Omit<APIGuildMember, 'user'> {
  const { user: _user, ...rest } = member;
  return rest;
}

export function makeRole(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: name !== '@everyone',
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function makeTextChannel(id: string, guildId: string, name: string): APITextChannel {
  return {
    id,
    type: 0,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

export interface ThreadSpec {
  id: string;
  guildId: string;
  parentId: string;
  ownerId: string;
  name: string;
  type: 10 | 11 | 12;
  autoArchiveDuration: 60 | 1440 | 4320 | 10080;
}

export function makeThread(spec: ThreadSpec): APIThreadChannel {
  const now = isoNow();
  return {
    id: spec.id,
    type: spec.type,
    guild_id: spec.guildId,
    parent_id: spec.parentId,
    owner_id: spec.ownerId,
    name: spec.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0 as ChannelFlags,
    thread_metadata: {
      archived: false,
      auto_archive_duration: spec.autoArchiveDuration,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
      ...(spec.type === 12 ? { invitable: true } : {}),
    },
  };
}

export interface MessageSpec {
  id?: string;
  channelId: string;
  author: APIUser;
  content: string;
  /** Anything else from the request body (embeds, components, flags, ...). */
  extra?: Partial<APIMessage>;
}

export function makeMessage(spec: MessageSpec): APIMessage {
  return {
    id: spec.id ?? snowflake(),
    channel_id: spec.channelId,
    author: spec.author,
    content: spec.content,
    timestamp: isoNow(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0 as MessageFlags,
    ...spec.extra,
  };
}

export interface GuildSpec {
  ids: EmulatorIds;
  /** Deliberately not a cached member: the owner implicitly has every permission. */
  ownerId: string;
  guildName: string;
  roles: APIRole[];
  members: APIGuildMember[];
  channels: APITextChannel[];
}

/** Full GUILD_CREATE payload; discord.js iterates every array, so none may be missing. */
export function makeGuildCreate(spec: GuildSpec): GatewayGuildCreateDispatchData {
  return {
    id: spec.ids.guildId,
    name: spec.guildName,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: spec.ownerId,
    region: 'us-west',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: spec.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500_000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US' as Locale,
    nsfw_level: 0,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    hub_type: null,
    incidents_data: null,
    joined_at: isoNow(),
    large: false,
    unavailable: false,
    member_count: spec.members.length,
    members: spec.members,
    channels: spec.channels,
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** Attachment object for a file uploaded through multipart `files[n]`. */
export function makeAttachment(baseUrl: string, filename: string, size: number, contentType?: string): APIAttachment {
  const id = snowflake();
  const url = `${baseUrl}/attachments/${id}/${encodeURIComponent(filename)}`;
  return {
    id,
    filename,
    size,
    url,
    proxy_url: url,
    ...(contentType ? { content_type: contentType } : {}),
  };
}
