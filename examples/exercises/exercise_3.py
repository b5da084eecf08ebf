import array
import tracemalloc

N = 1_000_000


def traced_bytes(build):
    # Bytes allocated by build() and still held by its result.
    tracemalloc.start()
    result = build()  # kept alive while the counter is read
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return size


list_bytes = traced_bytes(lambda: list(range(N)))
array_bytes = traced_bytes(lambda: array.array("q", range(N)))  # "q": signed 64-bit C integers
print(round(array_bytes / N))  # bytes per integer in the array
#> 8
print(list_bytes > 4 * array_bytes)
#> True
