import functools
import linecache
import tracemalloc


def profile_memory(func):
    # Traces each call's allocations; the last call's report is kept in wrapper.report.
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        baseline, _ = tracemalloc.get_traced_memory()  # the snapshot's own memory
        tracemalloc.reset_peak()  # the peak of this call only
        try:
            result = func(*args, **kwargs)
            current, peak = tracemalloc.get_traced_memory()
            after = tracemalloc.take_snapshot()
        finally:
            tracemalloc.stop()
        stats = after.compare_to(before, "lineno")  # largest absolute change first
        top = stats[0].traceback[0]
        wrapper.report = {
            "blocks": sum(stat.count_diff for stat in stats),  # new blocks still allocated
            "kept": current - baseline,  # bytes still allocated after the call
            "peak": peak - baseline,  # the most the call held at any moment
            "top line": linecache.getline(top.filename, top.lineno).strip(),
        }
        return result

    wrapper.report = None
    return wrapper


@profile_memory
def squares(n):
    numbers = list(range(n))  # temporary: freed when the function returns
    return [x * x for x in numbers]


result = squares(100_000)
report = squares.report
print(report["peak"] > report["kept"])  # the temporary list raised the peak
#> True
print(report["kept"] >= 1024 * 1024)  # the result holds at least 1 MiB
#> True
print(round(report["blocks"] / len(result)))  # new blocks per item of the result
#> 1
print(report["top line"])
#> return [x * x for x in numbers]
