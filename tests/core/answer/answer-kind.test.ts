import { describe, expect, it } from 'vitest';
import { answerType, askedNumberKind, asksRole, asksWhere, emphasise, shortAnswer, slotNoun, whereDirection } from '../../../src/core/answer/answer-kind.js';
import { hasNumberOfKind, numberMentions } from '../../../src/core/answer/number-mentions.js';
import { analyseQuestion } from '../../../src/core/answer/question-terms.js';

const none = new Set<string>();

describe('number kinds', () => {
  it('answers "how many" only with a count, never with "COP29" or "23 November"', () => {
    expect(askedNumberKind('How many countries rejected the call?')).toBe('count');
    expect(hasNumberOfKind('The COP29 session opens on 23 November.', 'count', none)).toBe(false);
    expect(hasNumberOfKind('A total of 127 countries joined.', 'count', none)).toBe(true);
    expect(hasNumberOfKind('Forty delegations came.', 'count', none)).toBe(true);
    expect(hasNumberOfKind('It was launched in 2024.', 'count', none)).toBe(false);
    expect(hasNumberOfKind('Some settled in Bedford, one of the main centres of the lace trade.', 'count', none)).toBe(false);
    expect(hasNumberOfKind('It was launched in 2024.', 'year', none)).toBe(true);
  });

  it('takes the kind asked from the question word that opens it, not from a clause that sets the scene or describes', () => {
    expect(answerType('What happens when the immune system is less active than normal?')).toBeNull();
    expect(answerType('Who was the chief executive officer when the service began?')).toBe('person');
    expect(answerType('What are some examples of territories where a member state is responsible for external relations?')).toBeNull();
    expect(answerType('Why was the Dutch lawyer who moved to Belgium told he could not continue?')).toBeNull();
    // "The name of … who": a person's name.
    expect(answerType('whats the name of the peruvian journalist who toured the liberated areas')).toBe('person');
    // A question asked again after a comma still counts.
    expect(answerType('which stretch of the border did they agree on, like how many km')).toBe('number');
    expect(askedNumberKind('so when did he go to karabakh, what month')).toBe('month');
  });

  it('reads "what date", "the exact date" and "when exactly" as asking for a day of a month, which a weekday or a year does not give', () => {
    for (const q of ['on what exact date did blinken call aliyev', 'what exact day in july was the ceremony', 'what are the exact dates of the conference', 'on what date did blinken call aliyev', 'until which date were the talks extended'])
      expect(askedNumberKind(q), q).toBe('calendarDay');
    expect(askedNumberKind('what exact day of the week was the call')).toBe('weekday');
    expect(askedNumberKind('when did blinken call aliyev')).toBeNull();
    expect(hasNumberOfKind('Blinken on Sunday spoke separately with both leaders.', 'calendarDay', none)).toBe(false);
    expect(hasNumberOfKind('He visited the territories liberated in the 2020 war.', 'calendarDay', none)).toBe(false);
    for (const s of ['It was launched on September 21.', 'It opened on 21 September.', 'The conference runs on November 11-22.', 'BAKU, Azerbaijan, Nov. 10'])
      expect(hasNumberOfKind(s, 'calendarDay', none), s).toBe(true);
    const s = 'The call, launched on September 21, was backed on Sunday by all members.';
    expect(emphasise(s, shortAnswer(s, 'date', 'calendarDay', none))).toContain('**September 21**');
  });

  it('reads "how many years / days" as asking how long, answered by "for the past **4 years**"', () => {
    expect(askedNumberKind('how many years did azerbaijan chair the NAM')).toBe('duration');
    expect(askedNumberKind('how many nations r in the non aligned movement')).toBe('count');
    const text = 'Azerbaijan has chaired the Non-Aligned Movement for the past 4 years.';
    expect(emphasise(text, shortAnswer(text, 'number', 'duration', none))).toContain('**4 years**');
    expect(shortAnswer(text, 'number', 'count', none)).toBeNull();
  });

  it('answers "how big" / "how high" with a measured amount, not with the year of a decree', () => {
    expect(askedNumberKind('how big is the plot for the new embassy')).toBe('amount');
    expect(askedNumberKind('How high is Mount Bogong?')).toBe('amount');
    expect(hasNumberOfKind('The plot was allocated under a 2023 Cabinet Decree.', 'amount', none)).toBe(false);
    expect(hasNumberOfKind('Mount Bogong rises to 1,986 m.', 'amount', none)).toBe(true);
    // Every size word that asks for an amount also asks for a number as the answer's type.
    for (const q of ['how wide is the river', 'how deep is the lake', 'how heavy was the engine']) {
      expect(askedNumberKind(q)).toBe('amount');
      expect(answerType(q)).toBe('number');
    }
  });

  it('asks for no name when "who is" asks what a name stands for: nothing else in the sentence is bolded as the answer', () => {
    for (const q of ['who is Ricardo Sanchez Serra', 'who is ricardo sanchez serra', 'Who are Rob Curran and Tim Machado?', 'who was blinken'])
      expect(answerType(q), q).toBeNull();
    for (const q of ['who is the georgian prime minister', "who is georgia's foreign minister", 'who is president of azerbaijan', 'who is prime minister'])
      expect(answerType(q), q).toBe('person');
    const s = 'The portal published an interview with famous journalist Ricardo Sanchez Serra, who visited Azerbaijan in May.';
    expect(shortAnswer(s, answerType('who is ricardo sanchez serra'), null, new Set(['who', 'is', 'ricardo', 'sanchez', 'serra']))).toBeNull();
    expect(shortAnswer(s, answerType('who visited azerbaijan in may'), null, new Set(['who', 'visited', 'azerbaijan', 'in', 'may']))).not.toBeNull();
  });

  it('reads the kind asked from the noun that heads "what …" / "which …", past the words that modify it', () => {
    expect(askedNumberKind('what dollar amount is the new climate finance goal set at')).toBe('amount');
    expect(answerType('what climate finance number did cop29 end up agreeing on')).toBe('number');
    expect(answerType('which press freedom group flagged the cases')).toBe('person');
    expect(answerType('Which Azerbaijani city got named the youth capital?')).toBe('place');
    expect(answerType('what UN day was the ceasefire appeal timed to')).toBe('date');
    // Not past a verb: "took place" names no kind, and a kind noun first is read as before.
    expect(answerType('What battle took place in the 10th century?')).toBeNull();
    expect(answerType('Which state department spokesman was quoted?')).toBe('person');
  });

  it('reads the kind past "is / are / was the" and in the plural, but not from a possessive', () => {
    expect(answerType('what are the dates of cop29')).toBe('date');
    expect(answerType('What was the percentage of people that voted in favour?')).toBe('number');
    expect(askedNumberKind('What was the percentage of people that voted in favour?')).toBe('percent');
    expect(askedNumberKind('what were the years the regulations conflicted')).toBe('year');
    expect(answerType('which cities host the summit')).toBe('place');
    expect(answerType('which companies make the engines')).toBe('person');
    // "the Song dynasty's capital" asks for a capital, not a dynasty.
    expect(answerType("What was the Song dynasty's capital?")).toBeNull();
    expect(answerType('what was the name of the king')).toBeNull();
  });

  it('does not take a number hyphened to a capital ("COVID-19") for a count, but reads "mid-1990s" as a year', () => {
    const text = 'A session was dedicated to the fight against the pandemic [of COVID-19], attended by 19 delegations in the mid-1990s.';
    expect(numberMentions(text).map((m) => [m.value, m.kind])).toEqual([['19', 'count'], ['1990', 'year']]);
    expect(emphasise(text, shortAnswer(text, 'number', 'count', new Set(['how', 'many', 'delegations'])))).toContain('**19** delegations');
  });

  it('answers "what century" with a century, and reads "2000 kilometres" as a distance, not a year', () => {
    expect(askedNumberKind('In what century did the Normans gain their identity?')).toBe('year');
    expect(hasNumberOfKind('Their identity emerged in the first half of the 10th century.', 'year', none)).toBe(true);
    expect(hasNumberOfKind('The history stretches back as far as the first century AD.', 'year', none)).toBe(true);
    expect(hasNumberOfKind('It was signed on the 10th of May.', 'year', none)).toBe(false);
    expect(numberMentions('a route of at most 2000 kilometres').map((m) => m.kind)).toEqual(['count']);
    expect(hasNumberOfKind('Watt\'s engines used half as much coal.', 'amount', none)).toBe(true);
  });

  it('answers "which month" with a month, "what day of the week" with a weekday and "what day" with a day, not any date', () => {
    expect(askedNumberKind('during which month are warring sides asked to hold their fire')).toBe('month');
    expect(askedNumberKind('what day of the week did blinken call the two leaders')).toBe('weekday');
    expect(hasNumberOfKind('He commended last week’s deal on the 1991 declaration.', 'weekday', none)).toBe(false);
    expect(hasNumberOfKind('Blinken on Sunday spoke with both leaders.', 'weekday', none)).toBe(true);
    expect(hasNumberOfKind('The call urges a ceasefire during November.', 'month', none)).toBe(true);
    // "may" the verb names no month.
    expect(hasNumberOfKind('Talks may resume in 2025.', 'month', none)).toBe(false);
    // "what day" wants a day, a weekday or a day of a month, never a bare year or month.
    expect(askedNumberKind('on what day did blinken call aliyev')).toBe('day');
    expect(hasNumberOfKind('He commended last week’s deal on the 1991 declaration.', 'day', none)).toBe(false);
    expect(hasNumberOfKind('Talks were extended until November 24.', 'day', none)).toBe(true);
    expect(hasNumberOfKind('Blinken on Sunday spoke with both leaders.', 'day', none)).toBe(true);
    expect(hasNumberOfKind('The summit was held in June 2024.', 'day', none)).toBe(false);
    // The whole of "day of the week" names the slot, so "last week" in a sentence is no match for it.
    expect(slotNoun('what day of the week did blinken call aliyev')).toBe('day of the week');
    const text = 'The 2024 summit opened on 23 November in Baku.';
    const span = shortAnswer(text, 'date', 'month', none);
    expect(text.slice(span!.start, span!.end)).toBe('23 November');
  });
});

describe('shortAnswer', () => {
  it('bolds a range of days whole, without the full stop that ends the sentence', () => {
    const s = 'The summit was held in Kampala, Uganda, on 19-20 January.';
    expect(emphasise(s, shortAnswer(s, 'date', null, new Set(['when', 'summit', 'kampala'])))).toBe('The summit was held in Kampala, Uganda, on **19-20 January**.');
    const a = 'The talks opened on Oct. 8 in Baku.';
    expect(emphasise(a, shortAnswer(a, 'date', null, new Set(['when', 'talks'])))).toContain('**Oct. 8**');
    // The month first, then the days: "November 11-22", not "**November 11**-22".
    const c = 'During the conference to be held on November 11-22, about 60 documents are planned to be accepted.';
    expect(emphasise(c, shortAnswer(c, 'date', null, new Set(['when', 'conference'])))).toContain('on **November 11-22**,');
  });

  it('ends a name where its sentence ends, keeping an abbreviation’s full stop', () => {
    // A sentence and the one that refers back to it are quoted together: "Khan. He" is no name.
    const s = 'Mongol rule was cosmopolitan under Kublai Khan. He welcomed foreign visitors to his court.';
    expect(emphasise(s, shortAnswer(s, 'person', null, new Set(['who', 'welcomed', 'foreign', 'visitors'])))).toContain('under **Kublai Khan**. He');
    const m = 'The prize went to Mr. Green, who lives in St. Ives.';
    expect(emphasise(m, shortAnswer(m, 'person', null, new Set(['who', 'prize'])))).toContain('**Mr. Green**');
  });

  it('does not take the capital that opens the second sentence of a pair for a name', () => {
    const s = 'Two ministers inspected the plot of land for the new embassy. The site was allocated under a decree. Mr. Aliyev signed it.';
    const bold = emphasise(s, shortAnswer(s, 'person', null, new Set(['whose', 'decree', 'allocated', 'land'])));
    expect(bold).not.toContain('**The**');
    expect(bold).toContain('**Aliyev**');
  });

  it('bolds whole words only: a capital inside a word starts no name', () => {
    // The corpus's own typo "bBinken" once came out as "b**Binken**".
    const s = 'In his calls with Aliyev bBinken commended him, the State Department said.';
    const span = shortAnswer(s, 'person', null, new Set(['who', 'calls', 'aliyev']));
    expect(emphasise(s, span)).not.toContain('b**');
    expect(emphasise(s, span)).toContain('**State Department**');
  });

  it('finds the number, date or name the question asks for and bolds it', () => {
    const q = new Set(['how', 'many', 'countries', 'joined']);
    const s = 'A total of 127 countries have joined the call.';
    expect(emphasise(s, shortAnswer(s, 'number', 'count', q))).toBe('A total of **127** countries have joined the call.');
    const d = 'The initiative was launched on September 21 in observance of the day.';
    expect(emphasise(d, shortAnswer(d, 'date', null, new Set(['when', 'launched'])))).toContain('**September 21**');
    const p = 'The plot was inspected by Prime Minister Ali Asadov yesterday.';
    expect(emphasise(p, shortAnswer(p, 'person', null, new Set(['who', 'inspected', 'plot'])))).toContain('**Prime Minister Ali Asadov**');
  });

  it('never bolds a name that holds what the question is about, though it may hold the kind asked for', () => {
    const s = 'Foreign Minister Jeyhun Bayramov met the ambassadors, Azernews reports.';
    const q = analyseQuestion('which outlet covered the bayramov meeting with the ambassadors', () => 1);
    expect(emphasise(s, shortAnswer(s, 'place', null, q.words, [], q.topic))).toBe('Foreign Minister Jeyhun Bayramov met the ambassadors, **Azernews** reports.');
    const u = 'Lefevre was a professor at the University of Paris.';
    const v = analyseQuestion('which university did lefevre teach at', () => 1);
    expect(emphasise(u, shortAnswer(u, 'place', null, v.words, [], v.topic))).toBe('Lefevre was a professor at the **University of Paris**.');
  });

  it('may bold a name holding the kind asked for when words stand between "which" and that noun', () => {
    const s = 'The statement on Karabakh envisages the withdrawal of troops and the support of these goals by the OSCE Minsk Group.';
    const q = analyseQuestion('which international group is supposed to support the goals of the statement', () => 1);
    const anchors = ['statement', 'support', 'goals', 'Group'].map((w) => s.indexOf(w) + w.length);
    expect(emphasise(s, shortAnswer(s, 'person', null, q.words, anchors, q.topic))).toContain('by the **OSCE Minsk Group**.');
  });

  it('for "where", bolds the place the sentence puts things in; for "which country", the nearest name', () => {
    const s = 'On 6 June in Shusha, within the framework of an Informal Summit of the OTS, the Garabagh Declaration was adopted.';
    const q = analyseQuestion('where was the informal OTS summit held', () => 1);
    const anchors = ['Informal', 'Summit', 'OTS'].map((w) => s.indexOf(w) + w.length);
    expect(asksWhere(q.text)).toBe(true);
    expect(emphasise(s, shortAnswer(s, 'place', null, q.words, anchors, q.topic, asksWhere(q.text)))).toContain('in **Shusha**,');
    const u = 'Azerbaijan handed over the chairmanship to Uganda at the 19th Summit held in Kampala.';
    const v = analyseQuestion('which country took over the chairmanship', () => 1);
    const at = [u.indexOf('chairmanship') + 12];
    expect(asksWhere(v.text)).toBe(false);
    expect(emphasise(u, shortAnswer(u, 'place', null, v.words, at, v.topic, asksWhere(v.text)))).toContain('to **Uganda**');
    const w = analyseQuestion('in which city was the 19th summit', () => 1);
    expect(emphasise(u, shortAnswer(u, 'place', null, w.words, [u.indexOf('Summit') + 6], w.topic, asksWhere(w.text)))).toContain('in **Kampala**');
  });

  it('for "where … to" bolds the place the sentence moves things to, for "where … from" the one they come from', () => {
    const s = 'The king moved the capital from Karakorum in Mongolia to Khanbaliq in 1264.';
    const at = [s.indexOf('capital') + 7];
    const to = analyseQuestion('Where did the king move the capital to?', () => 1);
    expect(whereDirection(to.text)).toBe('to');
    expect(emphasise(s, shortAnswer(s, 'place', null, to.words, at, to.topic, whereDirection(to.text)!))).toContain('to **Khanbaliq**');
    const from = analyseQuestion('where did the king move the capital from', () => 1);
    expect(emphasise(s, shortAnswer(s, 'place', null, from.words, at, from.topic, whereDirection(from.text)!))).toContain('from **Karakorum**');
    const at2 = analyseQuestion('where was the capital in 1264', () => 1);
    expect(whereDirection(at2.text)).toBeNull();
    expect(emphasise(s, shortAnswer(s, 'place', null, at2.words, at, at2.topic, true))).toContain('in **Mongolia**');
  });

  it('never bolds the capital that opens a quoted phrase, but bolds a quoted title that is a name throughout', () => {
    const s = 'The summit was held under the slogan “Building a better future together” in Shusha.';
    const q = analyseQuestion('where was the summit held', () => 1);
    expect(emphasise(s, shortAnswer(s, 'place', null, q.words, [s.indexOf('held') + 4], q.topic))).toContain('in **Shusha**');
    const t = 'The field began with the paper “On the Computational Complexity of Algorithms” by Juris Hartmanis and Richard Stearns in 1965.';
    const r = analyseQuestion('which paper began the field', () => 1);
    expect(emphasise(t, shortAnswer(t, 'person', null, r.words, [t.indexOf('paper') + 5], r.topic))).toContain('**On the Computational Complexity of Algorithms**');
  });

  it('bolds the second of two names joined by "and" when the pair opens the sentence', () => {
    const s = 'Azerbaijan’s Prime Minister Ali Asadov and Georgia’s Prime Minister Irakli Kobakhidze inspected the plot of land in Baku.';
    const q = analyseQuestion('who inspected the plot of land', () => 1);
    expect(emphasise(s, shortAnswer(s, 'person', null, q.words, [], q.topic))).toContain('**Georgia’s Prime Minister Irakli Kobakhidze**');
  });

  it('bolds the name after a title that holds the question\'s words', () => {
    const s = 'U.S. Secretary of State Antony Blinken on Sunday spoke with both leaders.';
    const q = analyseQuestion('who is the U.S. Secretary of State', () => 1);
    const anchors = [s.indexOf('State') + 5];
    expect(emphasise(s, shortAnswer(s, 'person', null, q.words, anchors, q.topic))).toBe('U.S. Secretary of State **Antony Blinken** on Sunday spoke with both leaders.');
  });

  it('answers "how much did it cost" only with a sum of money, not with a percentage or a weight', () => {
    expect(askedNumberKind("how much is georgia's new embassy in baku gonna cost")).toBe('money');
    expect(askedNumberKind('What was the price of the rights?')).toBe('money');
    expect(answerType('What was the price of the rights?')).toBe('number');
    expect(askedNumberKind('how much gold was found')).toBe('amount');
    expect(hasNumberOfKind('Gas production grew by over 6%.', 'money', none)).toBe(false);
    expect(hasNumberOfKind('During the search, 70 kg of gold was found.', 'money', none)).toBe(false);
    expect(hasNumberOfKind('The deal was worth two million dollars.', 'money', none)).toBe(true);
    const s = 'The BBC got the highlights, while BSkyB, paying £304m for the rights, would show up to 60 matches per year.';
    expect(emphasise(s, shortAnswer(s, 'number', askedNumberKind('How much was BSkyB going to pay for the rights?'), new Set(['how', 'much', 'bskyb', 'pay', 'rights'])))).toContain('paying **£304m** for');
  });

  it('bolds an amount with its scale and currency, a count without the thing counted', () => {
    const q = new Set(['how', 'much', 'fund']);
    const m = 'The fund received 48 million dollars in 2023.';
    expect(emphasise(m, shortAnswer(m, 'number', 'amount', q))).toBe('The fund received **48 million dollars** in 2023.');
    const b = 'The fund received $2.5 billion, officials said.';
    expect(emphasise(b, shortAnswer(b, 'number', 'amount', q))).toBe('The fund received **$2.5 billion**, officials said.');
    const c = 'The fund has 300 members.';
    expect(emphasise(c, shortAnswer(c, 'number', 'count', new Set(['how', 'many', 'members'])))).toBe('The fund has **300** members.');
  });

  it('bolds the source\'s own figure, not its conversion in brackets, though the conversion sits nearer the question\'s words', () => {
    const h = 'A further 6,000 square kilometres (2,300 sq mi) is sown for hay.';
    const at = [h.indexOf('hay') + 3];
    expect(emphasise(h, shortAnswer(h, 'number', 'amount', new Set(['how', 'much', 'hay']), at))).toContain('**6,000** square kilometres (2,300');
  });

  it('bolds a count written out, a range whole, and a duration with its unit', () => {
    const ends = (s: string, ...ws: string[]) => ws.map((w) => s.indexOf(w) + w.length);
    const k = 'Hypersensitivity is divided into four classes by the mechanisms involved.';
    expect(emphasise(k, shortAnswer(k, 'number', 'count', new Set(['how', 'many', 'classes', 'hypersensitivity']), ends(k, 'Hypersensitivity', 'classes')))).toContain('into **four** classes');
    const r = 'The efficiency of the engine reaches some 27-30% on high-pressure engines.';
    expect(emphasise(r, shortAnswer(r, 'number', 'percent', new Set(['what', 'percentage', 'efficiency']), ends(r, 'efficiency')))).toContain('some **27-30%** on');
    const t = 'The pump consumes 1% to 3% of the turbine power; output rose from 76,000 to 540,000 units.';
    const pq = new Set(['what', 'percentage', 'pump', 'power']);
    expect(emphasise(t, shortAnswer(t, 'number', 'percent', pq, ends(t, 'pump')))).toContain('consumes **1% to 3%** of');
    expect(emphasise(t, shortAnswer(t, 'number', 'count', new Set(['how', 'many', 'units']), ends(t, 'units')))).toContain('to **540,000** units');
    const d = 'Azerbaijan has chaired the movement for the past 4 years, the ministry said.';
    expect(emphasise(d, shortAnswer(d, 'number', 'duration', new Set(['how', 'long', 'azerbaijan', 'chaired', 'movement']), ends(d, 'Azerbaijan', 'chaired', 'movement')))).toContain('the past **4 years**,');
  });


  it('answers "how long" with a length of time, written out or since a year, never with a lone year that dates', () => {
    const ends = (s: string, ...ws: string[]) => ws.map((w) => s.indexOf(w) + w.length);
    const q = new Set(['how', 'long', 'war', 'went']);
    const w = 'The war began in 1988 and went on for over a month before the ceasefire.';
    expect(emphasise(w, shortAnswer(w, 'number', 'duration', q, ends(w, 'war', 'went')))).toContain('for over **a month** before');
    const y = 'The war began in 1988, after territorial claims.';
    expect(shortAnswer(y, 'number', 'duration', q, ends(y, 'war'))).toBeNull();
    const s = 'Proportionality has been recognised as a general principle since the 1950s.';
    expect(emphasise(s, shortAnswer(s, 'number', 'duration', new Set(['how', 'long', 'proportionality', 'recognised']), ends(s, 'recognised')))).toContain('since the **1950s**');
  });
  it('bolds a period whole: two dates joined by a dash, "from … to …", a year with its last two digits', () => {
    const q = new Set(['when', 'was', 'the', 'revolt']);
    const a = 'Some fought during the first years of the Revolt (1568–1609) against Spain.';
    expect(emphasise(a, shortAnswer(a, 'date', null, q, [a.indexOf('Revolt') + 6]))).toContain('(**1568–1609**)');
    const b = 'The wars were fought intermittently from 1562 to 1598, with truces.';
    expect(emphasise(b, shortAnswer(b, 'date', null, new Set(['when', 'wars', 'fought']), [b.indexOf('fought') + 6]))).toContain('from **1562 to 1598**,');
    const c = 'Many took part in the defeat of New France in 1759-60.';
    expect(emphasise(c, shortAnswer(c, 'date', null, new Set(['when', 'defeat', 'new', 'france']), [c.indexOf('France') + 6]))).toContain('**1759-60**');
    // Two dates apart are no period ("in 2014 … in 2018").
    const d = 'The team was suspended in 2014 and is to return in 2018.';
    expect(emphasise(d, shortAnswer(d, 'date', null, new Set(['when', 'team', 'return']), [d.indexOf('return') + 6]))).toContain('in **2018**');
  });

  it('bolds the number that counts what "how many" asks about, not the nearest one', () => {
    const ends = (s: string, ...ws: string[]) => ws.map((w) => s.indexOf(w) + w.length);
    const c = "The efficiency of Energiprojekt's steam engine reaches some 27-30%. It is a single-step, 5-cylinder engine.";
    const q = new Set(['how', 'many', 'cylinders', 'energiprojekt', 'engine']);
    expect(emphasise(c, shortAnswer(c, 'number', 'count', q, ends(c, 'Energiprojekt', 'engine', 'cylinder')))).toContain('**5**-cylinder');
    const s = 'As of August 2010, Victoria had 1,548 public schools, 489 Catholic schools and 214 independent schools.';
    const v = new Set(['how', 'many', 'public', 'schools', 'victoria']);
    const at = [...s.matchAll(/Victoria|public|schools/g)].map((m) => m.index! + m[0].length);
    expect(emphasise(s, shortAnswer(s, 'number', 'count', v, at))).toContain('**1,548** public schools, 489');
    // "One" that stands for a thing is no count; the count a few words before what is asked about is.
    const m = 'Engines possess two independent mechanisms for this; one may be adjusted by the user.';
    const w = new Set(['how', 'many', 'mechanisms', 'engines']);
    expect(emphasise(m, shortAnswer(m, 'number', 'count', w, ends(m, 'Engines', 'mechanisms')))).toContain('**two** independent');
    expect(shortAnswer('Only one may be adjusted by the user.', 'number', 'count', w, [])).toBeNull();
  });

  it('bolds nothing when the sentence holds no answer of the kind', () => {
    expect(shortAnswer('Nothing numeric is said here.', 'number', 'count', none)).toBeNull();
    expect(shortAnswer('Any sentence at all.', null, null, none)).toBeNull();
  });
});

describe('slot nouns', () => {
  it('finds the noun that names a date or number slot, and weighs it below the question\'s own words', () => {
    expect(slotNoun('what year did the karabakh conflict start')).toBe('year');
    expect(slotNoun('during which month are warring sides asked to hold their fire')).toBe('month');
    expect(slotNoun('what dollar amount is the goal set at')).toBe('amount');
    expect(slotNoun('which city hosts the summit')).toBe('city');
    expect(slotNoun('what dollar value did it reach')).toBeNull();
    const idf = () => 2;
    const q = analyseQuestion('what year did the karabakh conflict start', idf);
    // A sentence saying "During the year…" is not nearer for holding "year"; one saying "in 1988" is not further.
    expect(q.own.has('year')).toBe(false);
    expect(q.weights.get('year')).toBeCloseTo(0.4);
    expect(q.own.has('karabakh')).toBe(true);
    // "Which city" is answered by "in Baku": a sentence holding "the city of Lankaran" is not the nearer for it.
    const city = analyseQuestion('In which city was COP29 held?', idf);
    expect(city.weights.get('citi')).toBeLessThan(city.weights.get('cop29')!);
    expect(city.type).toBe('place');
  });

  it('reads a person\'s title, role or position as the slot the answer fills, but not a book\'s title', () => {
    expect(slotNoun("what's blinken's official job title")).toBe('official job title');
    expect(slotNoun('guterres came over for cop29, what is his actual title tho')).toBe('actual title');
    expect(slotNoun('what position does sanchez serra hold at the federation')).toBe('position');
    expect(slotNoun("what was the english title of polo's book")).toBeNull();
    expect(asksRole("what's blinken's official job title")).toBe(true);
    expect(asksRole('who is Hikmat Hajiyev')).toBe(true);
    expect(asksRole('who chaired the movement')).toBe(false);
    const q = analyseQuestion("what is blinken's official job title", () => 2);
    expect([...q.own]).toEqual(['blinken']);
  });
});
