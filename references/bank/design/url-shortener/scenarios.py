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
