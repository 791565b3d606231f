/**
 * Generates a tiny, BERT-shaped embedding model on disk so tests can drive the
 * real `@xenova/transformers` loading path (config -> tokenizer -> ONNX session)
 * fully offline. Nothing binary is committed: the ONNX bytes are built here with
 * `onnx-proto` (protobufjs classes for onnx.proto, already in node_modules via
 * onnxruntime-web) from a seeded PRNG, so every run writes identical files.
 *
 * The "model" is a bag-of-words encoder, not a transformer:
 *   last_hidden_state = tanh(word_emb[input_ids] + type_emb[token_type_ids]) * attention_mask
 * That is enough for the pipeline's mean pooling + normalisation to give
 * identical vectors for identical text and higher cosine similarity for texts
 * that share word pieces — which is all retrieval tests need.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
// onnx-proto is CommonJS; under NodeNext the default import is `module.exports`.
import onnxProto from 'onnx-proto';
import { rng } from '../../src/bench/random.js';

const { onnx } = onnxProto;

/** ONNX IR version 8 / default-domain opset 13: both well inside what onnxruntime 1.14 accepts. */
export const TINY_BERT_IR_VERSION = 8;
export const TINY_BERT_OPSET = 13;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

// Common English words (plus a few domain words for a docs Q&A bot). Whole
// words get their own embedding, so sentences sharing words overlap strongly.
const WORDS = `
the a an and or but if then else of to in on at by for with from as into onto over under
about after before between through during without within against among up down out off
is are was were be been being am do does did done have has had having can could will would
shall should may might must not no yes so than too very just only also even still again
i you he she it we they me him her us them my your his its our their this that these those
what which who whom whose when where why how all any both each few more most other some such
one two three four five six seven eight nine ten first second last next new old good bad
big small long short high low great little own same right left early late young important
time year day week month today people man woman child world life hand part place case point
government company number group problem fact way thing work home school water room mother
area money story month lot study book eye job word business issue side kind head house
service friend father power hour game line end member law car city community name president
team minute idea kid body information back parent face others level office door health
person art war history party result change morning reason research girl guy moment air
teacher force education cat dog mat sat sit bird fish tree sun moon rain snow
stock market fell fall rise rose sharp price trade bank economy investor share dollar rate
go get make know think take see come want look use find give tell ask seem feel try leave
call keep let begin help talk turn start show hear play run move live believe hold bring
write provide stand lose pay meet include continue set learn lead understand watch follow
stop create speak read allow add spend grow open walk win offer remember love consider
appear buy wait serve die send expect build stay cut reach kill remain suggest raise pass
sell require report decide pull answer question search document source file page link
discord bot message channel server user citation quote chunk text corpus index embedding
model vector query result config test data code error version update install
`;

// Suffix pieces, so e.g. "markets" -> market ##s and "sharply" -> sharp ##ly.
const SUFFIXES = ['s', 'es', 'ed', 'ing', 'ly', 'er', 'ers', 'est', 'ion', 'tion', 'al', 'ness', 'ment', 'able', 'ful', 'y', "'s"];
// Single characters (word-initial and ##continuation), as real BERT vocabs have,
// so any lowercase ASCII word tokenizes without falling back to [UNK].
const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCT = `.,!?;:'"()[]{}-_/\\&@#$%*+=<>|~\``.split('');

/** Deterministic token -> id map; ids must be dense 0..V-1 (transformers.js indexes an array by id). */
function buildVocab(): Record<string, number> {
  const tokens = new Set<string>(SPECIAL_TOKENS);
  for (const w of WORDS.split(/\s+/)) if (w) tokens.add(w);
  for (const s of SUFFIXES) tokens.add(`##${s}`);
  for (const c of [...CHARS, ...PUNCT]) tokens.add(c);
  for (const c of CHARS) tokens.add(`##${c}`);
  const vocab: Record<string, number> = {};
  let id = 0;
  for (const t of tokens) vocab[t] = id++;
  return vocab;
}


/** rows x cols float32 matrix, uniform in [-scale, scale], as little-endian raw bytes (ONNX raw_data is LE). */
function randomMatrix(rand: () => number, rows: number, cols: number, scale: number, zeroRow?: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(rows * cols * 4));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // Always draw, even for the zero row, so other rows don't shift if zeroRow changes.
      const v = (rand() * 2 - 1) * scale;
      view.setFloat32((r * cols + c) * 4, r === zeroRow ? 0 : v, true);
    }
  }
  return new Uint8Array(view.buffer);
}

const { FLOAT, INT64 } = onnx.TensorProto.DataType;

function tensorInput(name: string, elemType: number, dims: Array<string | number>): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}

/** Builds the serialized ONNX ModelProto (see the file header for the graph). */
export function buildTinyBertOnnx(vocabSize: number, hidden: number, seed = 1234): Uint8Array {
  const rand = rng(seed);
  // Word embeddings dominate; token-type embeddings are small because every
  // token of a single sentence has type 0 and would otherwise add a shared
  // component that inflates every pairwise similarity.
  const wordEmb = randomMatrix(rand, vocabSize, hidden, 1.0, 0 /* [PAD] */);
  const typeEmb = randomMatrix(rand, 2, hidden, 0.05);

  const graph = onnx.GraphProto.create({
    name: 'tiny_bert',
    initializer: [
      { name: 'word_embeddings', dataType: FLOAT, dims: [vocabSize, hidden], rawData: wordEmb },
      { name: 'token_type_embeddings', dataType: FLOAT, dims: [2, hidden], rawData: typeEmb },
      // Opset 13 Unsqueeze takes `axes` as an input tensor, not an attribute.
      { name: 'unsqueeze_axes', dataType: INT64, dims: [1], int64Data: [-1] },
    ],
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['words'], name: 'word_lookup' },
      { opType: 'Gather', input: ['token_type_embeddings', 'token_type_ids'], output: ['types'], name: 'type_lookup' },
      { opType: 'Add', input: ['words', 'types'], output: ['summed'], name: 'add' },
      { opType: 'Tanh', input: ['summed'], output: ['activated'], name: 'tanh' },
      // attention_mask is consumed (zeroing padded positions, like a real encoder's
      // output is ignored there) so the session reports it as a real input.
      { opType: 'Unsqueeze', input: ['attention_mask', 'unsqueeze_axes'], output: ['mask3d'], name: 'mask_unsqueeze' },
      {
        opType: 'Cast',
        input: ['mask3d'],
        output: ['mask_f'],
        name: 'mask_cast',
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
      },
      { opType: 'Mul', input: ['activated', 'mask_f'], output: ['last_hidden_state'], name: 'apply_mask' },
    ],
    input: [
      tensorInput('input_ids', INT64, ['batch_size', 'sequence_length']),
      tensorInput('attention_mask', INT64, ['batch_size', 'sequence_length']),
      tensorInput('token_type_ids', INT64, ['batch_size', 'sequence_length']),
    ],
    output: [tensorInput('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', hidden])],
  });

  const model = onnx.ModelProto.create({
    irVersion: TINY_BERT_IR_VERSION,
    opsetImport: [{ domain: '', version: TINY_BERT_OPSET }],
    producerName: 'footnote-tests',
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** HF `tokenizers` JSON for a BERT-style uncased WordPiece tokenizer. */
function buildTokenizerJson(vocab: Record<string, number>): object {
  const idOf = (t: string): number => {
    const id = vocab[t];
    if (id === undefined) throw new Error(`token ${t} missing from vocab`);
    return id;
  };
  const special = (t: string): object => ({ id: t, ids: [idOf(t)], tokens: [t] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

export interface TinyBertModel {
  /** Pass this to `pipeline('feature-extraction', modelId)` with `env.localModelPath = rootDir`. */
  modelId: string;
  /** Absolute model directory (`<rootDir>/<modelId>`). */
  dir: string;
  /** Embedding dimension of the pooled output. */
  hidden: number;
}

/**
 * Writes config.json, tokenizer.json, tokenizer_config.json and
 * onnx/model{,_quantized}.onnx under `<rootDir>/<modelId>/`.
 * Both ONNX names get the same bytes: transformers.js picks
 * `onnx/model_quantized.onnx` when `quantized: true` (its default) and
 * `onnx/model.onnx` when `quantized: false`.
 */
export async function writeTinyBertModel(
  rootDir: string,
  modelId = 'footnote-test/tiny-bert',
  opts?: { hidden?: number },
): Promise<TinyBertModel> {
  const hidden = opts?.hidden ?? 32;
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error(`hidden must be a positive integer, got ${hidden}`);
  const dir = path.resolve(rootDir, ...modelId.split('/'));
  const vocab = buildVocab();
  const vocabSize = Object.keys(vocab).length;

  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: hidden,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: hidden * 2,
    hidden_act: 'gelu',
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: vocab['[PAD]'],
  };
  const tokenizerConfig = {
    // transformers.js chooses its tokenizer class from this; BertTokenizer
    // makes it emit token_type_ids, which our graph requires.
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 512,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
  const onnxBytes = buildTinyBertOnnx(vocabSize, hidden);

  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
  await Promise.all([
    writeFile(path.join(dir, 'config.json'), json(config)),
    writeFile(path.join(dir, 'tokenizer.json'), json(buildTokenizerJson(vocab))),
    writeFile(path.join(dir, 'tokenizer_config.json'), json(tokenizerConfig)),
    writeFile(path.join(dir, 'onnx', 'model_quantized.onnx'), onnxBytes),
    writeFile(path.join(dir, 'onnx', 'model.onnx'), onnxBytes),
  ]);
  return { modelId, dir, hidden };
}
