"""PyTorch baseline for bench/engine.bench.ts: the same BERT-mini masked-LM training step
(vocab 8192, hidden 256, 4 layers, 4 heads, FFN 1024, seq 128, 15% masked, forward + backward +
AdamW), written with plain torch modules in Hugging Face BERT's layout so that the work matches.
Prints one JSON line: seconds per step and tokens/s for the thread count given."""
import argparse
import json
import math
import time

import torch
from torch import nn

V, H, L, NH, FF, T = 8192, 256, 4, 4, 1024, 128


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(H, H) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(H, eps=1e-12), nn.LayerNorm(H, eps=1e-12)
        self.ff1, self.ff2 = nn.Linear(H, FF), nn.Linear(FF, H)

    def forward(self, x, mask):
        b, t, _ = x.shape
        split = lambda y: y.view(b, t, NH, H // NH).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(H // NH) + mask
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, H)
        x = self.ln1(self.o(ctx) + x)
        return self.ln2(self.ff2(nn.functional.gelu(self.ff1(x))) + x)


class BertMini(nn.Module):
    def __init__(self):
        super().__init__()
        self.word, self.pos, self.segment = nn.Embedding(V, H, padding_idx=0), nn.Embedding(512, H), nn.Embedding(2, H)
        self.ln = nn.LayerNorm(H, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(L))
        self.transform, self.tln = nn.Linear(H, H), nn.LayerNorm(H, eps=1e-12)
        self.bias = nn.Parameter(torch.zeros(V))

    def forward(self, ids, labels):
        b, t = ids.shape
        x = self.ln(self.word(ids) + self.segment(torch.zeros_like(ids)) + self.pos(torch.arange(t))[None])
        mask = torch.zeros(b, 1, 1, t)
        for layer in self.layers:
            x = layer(x, mask)
        h = self.tln(nn.functional.gelu(self.transform(x)))
        logits = h @ self.word.weight.T + self.bias  # HF computes every position
        return nn.functional.cross_entropy(logits.view(-1, V), labels.view(-1), ignore_index=-100)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--steps", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = BertMini()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    ids = torch.randint(5, 8005, (args.batch, T))
    labels = torch.where(torch.rand(args.batch, T) < 0.15, ids, torch.full_like(ids, -100))
    ids = torch.where(labels != -100, torch.full_like(ids, 4), ids)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = model(ids, labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    step()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.steps):
        step()
    seconds = (time.perf_counter() - start) / args.steps
    cpu_seconds = (time.process_time() - cpu_start) / args.steps  # all threads: load-independent
    print(json.dumps({"torch": torch.__version__, "threads": args.threads, "seconds_per_step": seconds, "tokens_per_second": args.batch * T / seconds, "cpu_seconds_per_step": cpu_seconds}))


if __name__ == "__main__":
    main()
