"""Large-input scenario for the shortener: many URLs, many lookups; observes a checksum."""
import hashlib
import random


def bulk(module, *, urls: int, aliases: int, lookups: int, seed: int) -> dict:
    rng = random.Random(seed)
    shortener = module.Shortener()
    digest = hashlib.sha256()
    codes = []
    alias_every = max(1, urls // max(1, aliases))
    for i in range(urls):
        url = f"https://site{rng.randrange(urls * 2)}.example/p/{i % 997}"
        if i % alias_every == 0:
            # an alias that will collide with a future generated code
            alias = module.encode(i + rng.randrange(1, 50))
            try:
                code = shortener.shorten(url, alias=alias)
            except KeyError:
                code = "!taken"
        else:
            code = shortener.shorten(url)
        codes.append(code)
        digest.update(code.encode())
    for _ in range(lookups):
        code = codes[rng.randrange(len(codes))]
        if code != "!taken":
            digest.update(shortener.resolve(code).encode())
    round_trip = all(module.decode(module.encode(n)) == n for n in range(0, urls, 7))
    return {"sha256": digest.hexdigest(), "codes": len(set(codes)), "round_trip": round_trip}


def sequential(module, *, count: int) -> dict:
    shortener = module.Shortener()
    codes = [shortener.shorten(f"https://seq.example/{i}") for i in range(count)]
    return {"last_two": codes[-2:], "distinct": len(set(codes))}


def random_ops(module, *, seed: int, ops: int) -> dict:
    """Seeded shorten / alias / resolve / encode / decode calls, valid and invalid, non-ASCII
    included; the expected outcomes are computed from the canonical solution when the bank is built."""
    import hashlib
    import random

    rng = random.Random(seed)
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    odd = ["é", "٣", "ß", "-", "_", " ", "", "Ａ", "²"]
    shortener = module.Shortener()
    urls = [f"https://u{i}.example" for i in range(40)] + ["http://", "https://", "ftp://x", "HTTPS://x"]
    outcomes = []
    for _ in range(ops):
        roll = rng.random()
        try:
            if roll < 0.35:
                outcomes.append(shortener.shorten(rng.choice(urls)))
            elif roll < 0.55:
                length = rng.choice([1, 1, 2, 3, 16, 17, 0])
                alias = "".join(rng.choice(alphabet) for _ in range(length))
                if rng.random() < 0.2:
                    alias = alias[:-1] + rng.choice(odd) if alias else rng.choice(odd)
                outcomes.append(shortener.shorten(rng.choice(urls), alias=alias))
            elif roll < 0.8:
                code = "".join(rng.choice(alphabet[:4]) for _ in range(rng.randint(1, 2)))
                outcomes.append(shortener.resolve(code))
            elif roll < 0.9:
                outcomes.append(module.encode(rng.choice([0, 1, 61, 62, 3843, 3844, 2 ** 64, -1, True, 1.0])))
            else:
                text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
                if rng.random() < 0.2:
                    text += rng.choice(odd)
                outcomes.append(module.decode(text))
        except Exception as exc:  # the exception type is part of the observation
            outcomes.append(type(exc).__name__)
    return {"n": len(outcomes), "sha256": hashlib.sha256(repr(outcomes).encode()).hexdigest(),
            "first": outcomes[:60]}
