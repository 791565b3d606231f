/**
 * Chat forms people type in a channel, and what they stand for. A data table,
 * not rules about particular questions: each entry is matched as whole words,
 * case-insensitively, and replaced before spelling correction and retrieval.
 * Phrases whose words are all question words ("how come") become the question
 * word they mean, so their filler ("deal", "come") never reaches the keyword
 * search as a topic word.
 */
export const CHAT_FORMS: Readonly<Record<string, string>> = {
  'whats the deal with': 'what about',
  'what is the deal with': 'what about',
  'whats up with': 'what about',
  'how come': 'why',
  ppl: 'people',
  peeps: 'people',
  r: 'are',
  u: 'you',
  ur: 'your',
  y: 'why',
  n: 'and',
  whats: 'what is',
  wats: 'what is',
  wat: 'what',
  // Question words as typed in a hurry: without them a question loses the kind of answer it asks for ("wen did the
  // talks end" read as a date question only once "wen" is "when").
  wut: 'what',
  wot: 'what',
  wht: 'what',
  wen: 'when',
  whn: 'when',
  wher: 'where',
  whr: 'where',
  wich: 'which',
  whch: 'which',
  hw: 'how',
  howd: 'how did',
  whatd: 'what did',
  whend: 'when did',
  whered: 'where did',
  whyd: 'why did',
  whod: 'who did',
  hows: 'how is',
  whos: 'who is',
  wheres: 'where is',
  whens: 'when is',
  whys: 'why is',
  thats: 'that is',
  theyre: 'they are',
  youre: 'you are',
  theyve: 'they have',
  ive: 'i have',
  theres: 'there is',
  wanna: 'want to',
  // "gonna be", "ended up occupied": a future or an outcome, which the text states without these words ("going" and
  // "end" were question words the answer lacked: "how much of azerbaijan ended up occupied" abstained).
  gonna: '',
  'end up': '',
  'ends up': '',
  'ended up': '',
  'ending up': '',
  gotta: 'got to',
  kinda: 'kind of',
  sorta: 'sort of',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  isnt: 'is not',
  wasnt: 'was not',
  werent: 'were not',
  arent: 'are not',
  cant: 'cannot',
  wont: 'will not',
  couldnt: 'could not',
  wouldnt: 'would not',
  havent: 'have not',
  hasnt: 'has not',
  im: 'i am',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  cos: 'because',
  b4: 'before',
  abt: 'about',
  tho: 'though',
  thru: 'through',
  w: 'with',
  pls: '',
  plz: '',
  thx: '',
  btw: 'by the way',
  govt: 'government',
  gov: 'government',
  yr: 'year',
  yrs: 'years',
  approx: 'approximately',
  info: 'information',
  num: 'number',
  nums: 'numbers',
  dept: 'department',
  intl: 'international',
  natl: 'national',
  doc: 'document',
  docs: 'documents',
  org: 'organization',
  orgs: 'organizations',
  pres: 'president',
  admin: 'administration',
  rep: 'representative',
  reps: 'representatives',
  mtg: 'meeting',
  conf: 'conference',
  amt: 'amount',
  pct: 'percent',
  bn: 'billion',
  mln: 'million',
  stats: 'statistics',
  econ: 'economy',
  uni: 'university',
  prof: 'professor',
  hq: 'headquarters',
  convo: 'conversation',
  govts: 'governments',
  // Family words in their chat register: WordNet keeps "dad" and "father" in separate synsets.
  dad: 'father',
  daddy: 'father',
  mom: 'mother',
  mum: 'mother',
  mommy: 'mother',
  grandpa: 'grandfather',
  grandma: 'grandmother',
  bro: 'brother',
  sis: 'sister',
  hubby: 'husband',
  hrs: 'hours',
  mins: 'minutes',
  prez: 'president',
  // Filler: words that hedge or pad a chat question and never name its topic. Left in, they count as question
  // words the answer lacks ("what was he actually charged with" looked half unanswered).
  actually: '',
  basically: '',
  really: '',
  // "why is azerbaijan even pushing a truce": emphasis, not topic ("even" matched "eve" in "on the eve of").
  even: '',
  exactly: '',
  literally: '',
  // A preposition no stop-word list of ours has: "per bayramov" (as he says), "per hour". It never names the topic, and
  // where the corpus lacks it, it weighed as the rarest word of the question ("how much … is agreed already, per
  // bayramov" fell under the coverage floor for it).
  per: '',
  // …but "per cent" is one word, which a "how many per cent" question asks for.
  'per cent': 'percent',
  precisely: '',
  specifically: '',
  roughly: '',
  anyway: '',
  anyways: '',
  please: '',
  thanks: '',
  'thank you': '',
  lol: '',
  lmao: '',
  // Asides that say how the asker feels, never what is asked: "idk much about karabakh lol, when did…" (written out as
  // "i do not know", "idk" read as a negated question and declined it).
  idk: '',
  tbh: '',
  ngl: '',
  imo: '',
  'quick q': '',
  hey: '',
  hi: '',
  hello: '',
  // "ok so what's the point of…": a reply's opening, never the topic ("ok" and "so" were two of eight question words).
  'ok so': '',
  'okay so': '',
  ok: '',
  okay: '',
  alright: '',
  hmm: '',
  'so what': 'what',
  'so who': 'who',
  'so when': 'when',
  'so where': 'where',
  'so which': 'which',
  'so how': 'how',
  'so why': 'why',
  // "the gold thing", "the azerbaijani guy": a word that points, never one the answer holds ("stuff" can be the topic).
  thing: '',
  things: '',
  guy: '',
  guys: '',
  'and stuff': '',
  'or something': '',
  'and so on': '',
  'and such': '',
  // Indefinite pronouns and "besides" (as in "besides X, what other…") point at the answer or set something aside;
  // they never name what the answer must hold.
  anything: '',
  something: '',
  anyone: '',
  someone: '',
  anybody: '',
  somebody: '',
  besides: '',
  'tell me': '',
  'do you know': '',
  'any idea': '',
  'i wonder': '',
  'i was wondering': '',
  'just wondering': '',
  // Only with "i": "what did blinken want to know" asks about what someone wanted to know.
  'i want to know': '',
  'i wanna know': '',
  'i like to know': '',
  'i would like to know': '',
  'quick question': '',
  'you know': '',
  'what kind of': 'what',
  'what sort of': 'what',
  'which kind of': 'which',
  'which sort of': 'which',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest forms first so a phrase wins over the word it starts with; "w/" and "w/o" are written with a slash.
const FORMS = Object.keys(CHAT_FORMS).sort((a, b) => b.length - a.length);
const PATTERN = new RegExp(`\\bw/o\\b|\\bw/(?=\\s)|(?<![\\p{L}\\p{N}'’])(?:${FORMS.map(escape).join('|')})(?![\\p{L}\\p{N}'’])`, 'giu');

/**
 * What the tokenizer would leave of "they've", "we'll", "you're", "I'm", "who'd": a word "ve", "ll", "re", "m" or "d"
 * that the question would have to find. What they stand for is a stop word ("have", "are"…), or nothing asked ("will").
 */
const CONTRACTED = /(?<=\p{L})['’](?:ve|ll|re|m|d)(?![\p{L}\p{N}])/giu;

/** "What is the point / purpose / goal of…" asks why; the noun (group 1) frames the question and names no topic. */
export const PURPOSE_FRAME = /\bwhat(?:['’]?s| is| was| are| were) the (point|purpose|aim|goal|idea|objective)s? (?:of|behind)\b/i;

/** The question with chat forms written out ("how come ppl r …" → "why people are …"); linear in its length. */
export function normalizeChatForms(question: string): string {
  // Offsets below are into the text without its contraction endings, so the neighbours looked at are the right ones.
  const text = question.replace(CONTRACTED, '');
  return text.replace(PATTERN, (m: string, at: number) => {
    // A lone capital ("U.S.", "plan B", "George W Bush") or a letter in an abbreviation is not chat.
    if (m.length === 1 && (m !== m.toLowerCase() || /[.&\-]/.test(text[at + 1] ?? '') || /[.&\-]/.test(text[at - 1] ?? ''))) return m;
    // A capitalised word inside a sentence is a name ("Doc Rivers", "Prof Green" as a surname), not chat.
    if (/^\p{Lu}\p{Ll}+$/u.test(m) && /[^\s.?!]\s*$/u.test(text.slice(Math.max(0, at - 3), at))) return m;
    const lower = m.toLowerCase();
    if (lower === 'w/o') return 'without';
    if (lower === 'w/') return 'with';
    const form = CHAT_FORMS[lower.replace(/\s+/g, ' ')];
    return form === undefined ? m : form;
  });
}
