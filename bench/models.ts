// Model configurations shared by the benches.

/** BERT-mini (4 layers, hidden 256, vocabulary 8192): the engine and ONNX benches' model, the same as torch_bert_mini.py's. */
export const BERT_MINI = {
  model_type: 'bert',
  architectures: ['BertForMaskedLM'],
  vocab_size: 8192,
  hidden_size: 256,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  intermediate_size: 1024,
  max_position_embeddings: 512,
};
