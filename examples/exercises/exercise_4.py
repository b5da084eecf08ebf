import tracemalloc

N = 100_000


class Plain:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def instance_bytes(cls):
    # Bytes allocated for N instances of cls, not counting the list that holds them.
    instances = [None] * N  # allocated before tracing starts
    tracemalloc.start()
    for i in range(N):
        instances[i] = cls(1, 2)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return size


plain = instance_bytes(Plain)
slotted = instance_bytes(Slotted)
print(slotted < plain)
#> True
print(hasattr(Plain(1, 2), "__dict__"), hasattr(Slotted(1, 2), "__dict__"))
#> True False
