"""Scenarios for the consistent-hashing ring (observations only; expected values live in cases.yaml)."""

import hashlib
import random


def _keys(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"key-{rng.getrandbits(48):012x}" for _ in range(count)]


def _digest(owners: list) -> str:
    return hashlib.sha256("\n".join(map(str, owners)).encode()).hexdigest()[:16]


def lookup_checksum(module, nodes: int, replicas: int, keys: int, seed: int) -> dict:
    """Build a ring of ``nodes`` nodes and look up ``keys`` seeded keys."""
    ring = module.ConsistentHashing([f"node-{i}" for i in range(nodes)], replicas=replicas)
    owners = [ring.get_node(key) for key in _keys(keys, seed)]
    return {"owners_digest": _digest(owners), "distinct_owners": len(set(owners))}


def load_per_node(module, nodes: int, replicas: int, keys: int, seed: int) -> dict:
    """How many of ``keys`` seeded keys each node owns."""
    ring = module.ConsistentHashing([f"node-{i}" for i in range(nodes)], replicas=replicas)
    load: dict[str, int] = {}
    for key in _keys(keys, seed):
        owner = ring.get_node(key)
        load[owner] = load.get(owner, 0) + 1
    return load


def rebalance(module, nodes: int, replicas: int, keys: int, seed: int, change: str) -> dict:
    """Add (``change="add"``) or remove (``"remove"``) one node and observe which keys move."""
    names = [f"node-{i}" for i in range(nodes)]
    ring = module.ConsistentHashing(names, replicas=replicas)
    key_list = _keys(keys, seed)
    before = [ring.get_node(key) for key in key_list]
    changed = "node-new" if change == "add" else names[nodes // 2]
    if change == "add":
        ring.add_node(changed)
    else:
        ring.remove_node(changed)
    after = [ring.get_node(key) for key in key_list]
    moved = [(b, a) for b, a in zip(before, after) if b != a]
    if change == "add":
        minimal = all(a == changed for _, a in moved)
    else:
        minimal = all(b == changed for b, _ in moved) and changed not in after
    return {"moved": len(moved), "only_necessary_moves": minimal}


def replica_sets(module, nodes: int, replicas: int, keys: int, seed: int, count: int) -> dict:
    """Replica sets of seeded keys: a digest, and whether each set is distinct and starts at the owner."""
    ring = module.ConsistentHashing([f"node-{i}" for i in range(nodes)], replicas=replicas)
    sets = []
    well_formed = True
    for key in _keys(keys, seed):
        chosen = ring.get_nodes(key, count)
        well_formed &= len(set(chosen)) == len(chosen) == min(count, nodes)
        well_formed &= bool(chosen) and chosen[0] == ring.get_node(key)
        sets.append(",".join(chosen))
    return {"sets_digest": _digest(sets), "well_formed": well_formed}


def churn(module, replicas: int, rounds: int, seed: int) -> dict:
    """Add and remove nodes repeatedly, then look keys up; ring membership must track the changes."""
    rng = random.Random(seed)
    ring = module.ConsistentHashing(replicas=replicas)
    members: list[str] = []
    for step in range(rounds):
        if members and rng.random() < 0.4:
            victim = members.pop(rng.randrange(len(members)))
            ring.remove_node(victim)
        else:
            name = f"n{step}"
            ring.add_node(name)
            members.append(name)
    owners = [ring.get_node(key) for key in _keys(2000, seed)]
    return {"size": len(ring), "owners_digest": _digest(owners),
            "owners_are_members": set(owners) <= set(members)}


def exact_positions(module, nodes: list, replicas: int) -> dict:
    """Keys that hash exactly onto a virtual node's position (the key *is* the virtual node's
    label "<node>#<i>"): they belong to that virtual node (smallest position >= h(key))."""
    ring = module.ConsistentHashing(nodes, replicas=replicas)
    labels = [f"{node}#{i}" for node in nodes for i in range(replicas)]
    return {label: [ring.get_node(label), ring.get_nodes(label, 2)] for label in labels}


def random_ops(module, seed: int, ops: int) -> dict:
    """Seeded adds, removes (sometimes invalid), lookups of ASCII and non-ASCII keys and of keys
    equal to virtual-node labels; expected results computed from the canonical solution."""
    import hashlib
    import random

    rng = random.Random(seed)
    names = ["a", "b", "c", "node-1", "node-2", "nœud", "узел", "10", ""]
    ring = module.ConsistentHashing(rng.sample(names, 3), replicas=rng.randint(1, 4))
    outcomes = []
    for _ in range(ops):
        roll = rng.random()
        try:
            if roll < 0.15:
                outcomes.append(["add", ring.add_node(rng.choice(names))])
            elif roll < 0.3:
                outcomes.append(["remove", ring.remove_node(rng.choice(names))])
            elif roll < 0.7:
                key = rng.choice([f"k{rng.randrange(50)}", f"clé{rng.randrange(5)}",
                                  f"{rng.choice(names)}#{rng.randrange(4)}", ""])
                outcomes.append(["get", ring.get_node(key)])
            elif roll < 0.9:
                outcomes.append(["nodes", ring.get_nodes(f"k{rng.randrange(50)}", rng.randint(0, 5))])
            else:
                outcomes.append(["len", len(ring), rng.choice(names) in ring])
        except Exception as exc:  # the exception type is part of the observation
            outcomes.append(["raised", type(exc).__name__])
    return {"n": len(outcomes), "sha256": hashlib.sha256(repr(outcomes).encode()).hexdigest(),
            "first": outcomes[:40]}
