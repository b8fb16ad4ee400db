"""Writes a tiny random BERT (ONNX) plus tokenizer files that transformers.js loads like a hub model.

Used only by tests of the transformer embedder's real loading path (download, cache, ONNX run),
never for search quality: the weights are random (seed 0). Needs Debian's python3-onnx and
python3-torch: `apt-get install python3-onnx python3-torch`, then
`/usr/bin/python3 scripts/generate-tiny-bert.py tests/fixtures/tiny-bert`.
Layout written (the hub's): config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx.
"""
import json
import os
import sys

import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/tiny-bert"
HIDDEN, LAYERS, HEADS, INTERMEDIATE, MAX_POS = 32, 2, 2, 64, 128
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = (
    "the a an is are was be to of and in on for with at by from it this that not no "
    "disk full pod crash loop back off memory cpu latency error timeout node cluster database "
    "replication lag cache redis kafka consumer nginx upstream gateway certificate expired dns "
    "deploy rollback alert page incident runbook restart service queue throttle quota "
    "checkout payment api request response slow high low spike drop"
).split()
VOCAB = SPECIAL + WORDS + [chr(c) for c in range(ord("a"), ord("z") + 1)] + [str(d) for d in range(10)]
VOCAB = list(dict.fromkeys(VOCAB))

torch.manual_seed(0)


class TinyBert(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.word = torch.nn.Embedding(len(VOCAB), HIDDEN)
        self.position = torch.nn.Embedding(MAX_POS, HIDDEN)
        self.token_type = torch.nn.Embedding(2, HIDDEN)
        self.norm = torch.nn.LayerNorm(HIDDEN)
        layer = torch.nn.TransformerEncoderLayer(HIDDEN, HEADS, INTERMEDIATE, dropout=0.0, batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, LAYERS, enable_nested_tensor=False)

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.norm(self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids))
        return self.encoder(x, src_key_padding_mask=attention_mask == 0)


def main():
    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
    model = TinyBert().eval()
    ids = torch.tensor([[2, 10, 11, 3]])
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        os.path.join(OUT, "onnx", "model.onnx"),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={name: {0: "batch", 1: "sequence"} for name in ["input_ids", "attention_mask", "token_type_ids", "last_hidden_state"]},
        opset_version=14,
    )
    config = {
        "model_type": "bert",
        "architectures": ["BertModel"],
        "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS,
        "intermediate_size": INTERMEDIATE,
        "max_position_embeddings": MAX_POS,
        "vocab_size": len(VOCAB),
        "type_vocab_size": 2,
    }
    # WordPiece without "##" pieces: a word-level lookup (transformers.js v4's tokenizer has no WordLevel model).
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True} for i, t in enumerate(SPECIAL)],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [VOCAB.index(t)], "tokens": [t]} for t in ["[CLS]", "[SEP]"]},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(VOCAB)}},
    }
    tokenizer_config = {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "model_max_length": MAX_POS,
        "cls_token": "[CLS]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
        "mask_token": "[MASK]",
    }
    for name, data in [("config.json", config), ("tokenizer.json", tokenizer), ("tokenizer_config.json", tokenizer_config)]:
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(data, f, indent=1)
    with open(os.path.join(OUT, "PROVENANCE.md"), "w") as f:
        f.write(
            "# tiny-bert (test fixture)\n\nRandom weights (torch seed 0), 2 layers, hidden size 32, "
            f"{len(VOCAB)}-token word-level vocabulary. Generated by `scripts/generate-tiny-bert.py` with Debian's "
            "python3-torch/python3-onnx. Only for tests of the transformer embedder's loading path; "
            "it embeds nothing meaningfully.\n"
        )


main()
