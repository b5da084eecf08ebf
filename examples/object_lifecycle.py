# %% [markdown] tags=["ko"]
# # 실행 예제 노트북 { #object-lifecycle-example }
#
# 원문의 실행 예제 `object_lifecycle.py`를 이 사이트가 바로잡은 내용대로 고친 버전입니다. 스크립트로
# 실행해도 되고(`python object_lifecycle.py`), 노트북으로 열어도 됩니다. 이 페이지의 출력은 사이트를 빌드할 때
# 실제로 실행한 결과입니다.
#
# 내려받기: [object_lifecycle.py](object_lifecycle.py) · [object_lifecycle.ipynb](object_lifecycle.ipynb)
# (출력이 포함된 노트북)
#
# 실행할 때마다 달라지는 값(메모리 주소, `id()`, 바이트 수)은 출력하지 않고, 어느 버전에서나 같은 사실을
# 출력합니다. 버전에 따라 다른 크기는 그대로 보여 주고 어느 인터프리터의 값인지 밝힙니다.
#
# 출력의 각 줄은 `식 = 값` 꼴입니다. f-문자열의 `=` 지정자(`f"{a is b = }"`)가 식과 그 값을 함께 출력하기
# 때문에, 출력은 어느 언어로 읽어도 같습니다.

# %% [markdown] tags=["en"]
# # Runnable example notebook { #object-lifecycle-example }
#
# The source's runnable example `object_lifecycle.py`, corrected where this site corrects the source.
# Run it as a script (`python object_lifecycle.py`) or open it as a notebook. The output on this page is
# what it printed when the site was built.
#
# Download: [object_lifecycle.py](object_lifecycle.py) · [object_lifecycle.ipynb](object_lifecycle.ipynb)
# (the notebook with its outputs)
#
# It prints no value that changes from run to run (memory addresses, `id()`, byte counts), only facts that
# hold on every version; sizes that depend on the version are shown as they are, with the interpreter
# that printed them.
#
# Each output line reads `expression = value`: an f-string's `=` specifier (`f"{a is b = }"`) prints the
# expression with its value, so the output reads the same in either language.

# %%
import array
import gc
import sys
import tracemalloc
import weakref

print(f"{sys.version_info[:2] = }")

# %% [markdown] tags=["ko"]
# ## 1. 객체 생성: `__new__` 다음에 `__init__` { #creation }
#
# `__new__`가 객체를 만들어 돌려주면 `__init__`이 그 객체를 초기화합니다. 원문은 새 객체의 참조 횟수가
# `__new__`에서 0으로 시작해 `__init__`에서 1이 된다고 설명하지만, 객체는 참조 횟수 1로 만들어집니다.
# 이름 하나에 묶인 새 객체의 참조 횟수는 1입니다.

# %% [markdown] tags=["en"]
# ## 1. Creation: `__new__`, then `__init__` { #creation }
#
# `__new__` makes the object and returns it, then `__init__` initialises it. The source says a new
# object's reference count starts at 0 in `__new__` and becomes 1 in `__init__`; in fact an object is
# created with a count of 1. A new object bound to one name has a count of 1.

# %%
events = []


class LifecycleDemo:
    def __new__(cls, value):
        events.append("__new__")
        return super().__new__(cls)

    def __init__(self, value):
        events.append("__init__")
        self.value = value


obj = LifecycleDemo(42)
print(f"{events = }")
print(f"{obj.value = }")
print(f"{sys.getrefcount(obj) - 1 = }")

# %% [markdown] tags=["ko"]
# ## 2. 객체 소멸: `__del__` { #destruction }
#
# `__del__`은 마지막 참조가 사라질 때 호출됩니다. 별칭이 남아 있으면 `del obj2`로는 호출되지 않습니다.

# %% [markdown] tags=["en"]
# ## 2. Destruction: `__del__` { #destruction }
#
# `__del__` runs when the last reference goes. While an alias is left, `del obj2` does not call it.

# %%
class TrackedObject:
    count = 0

    def __init__(self, name):
        TrackedObject.count += 1
        self.name = name

    def __del__(self):
        TrackedObject.count -= 1
        print(f"  __del__ {self.name}: {TrackedObject.count = }")


obj1 = TrackedObject("Object1")
obj2 = TrackedObject("Object2")
print(f"{TrackedObject.count = }")
print("del obj1")
del obj1
obj2_alias = obj2
print("del obj2")
del obj2
print(f"  {sys.getrefcount(obj2_alias) - 1 = }")
print("del obj2_alias")
del obj2_alias

# %% [markdown] tags=["ko"]
# 원문은 `__del__`이 있는 객체의 순환 참조는 수거되지 않아 메모리가 샐 수 있다고 하지만, 이는 Python 3.4
# 이전의 이야기입니다. [PEP 442](https://peps.python.org/pep-0442/) 이후로는 가비지 수거기가 이런 순환도
# 해제합니다.

# %% [markdown] tags=["en"]
# The source says cycles of objects with `__del__` cannot be collected and may leak; that was true before
# Python 3.4. Since [PEP 442](https://peps.python.org/pep-0442/) the garbage collector frees such cycles too.

# %%
class WithDel:
    def __del__(self):
        pass


a, b = WithDel(), WithDel()
a.partner, b.partner = b, a
alive = weakref.ref(a)
del a, b
gc.collect()
print(f"{alive() is None = }")
print(f"{gc.garbage == [] = }")

# %% [markdown] tags=["ko"]
# ## 3. 객체 헤더와 크기 { #sizes }
#
# 64비트 기본 빌드에서 모든 객체의 헤더는 16바이트(참조 횟수와 형 포인터)이고, 리스트나 딕셔너리처럼 가비지
# 수거기를 지원하는 형(`Py_TPFLAGS_HAVE_GC`)의 객체 앞에는 16바이트 GC 헤더가 더 붙습니다. 헤더는 형이 정하고,
# 수거기가 객체를 추적하는지는 객체마다 다릅니다. 3.13까지는 `{"a": 1}`처럼 원자적인 값만 담은 딕셔너리에 GC
# 헤더가 있어도 수거기는 그 딕셔너리를 추적하지 않습니다. 자유 스레딩 빌드의 헤더는 32바이트이고 수거기의 비트를 헤더 안에 두므로,
# 앞에 붙는 GC 헤더가 없습니다(`Include/internal/pycore_object.h`의 `_PyType_PreHeaderSize`). 크기 자체는
# 버전마다 다릅니다. 아래 표는 이 노트북을 실행한 인터프리터의 값입니다.

# %% [markdown] tags=["en"]
# ## 3. Object header and sizes { #sizes }
#
# On a 64-bit default build every object starts with a 16-byte header (reference count and type pointer),
# and objects of the types the garbage collector supports (`Py_TPFLAGS_HAVE_GC`), such as lists and dicts,
# carry a 16-byte GC header in front of it. The header comes with the type; tracking is per object: up to
# 3.13 a dict holding only atomic values, such as `{"a": 1}`, has the header but is not tracked. A
# free-threaded build has a 32-byte header that holds the collector's bits itself, so nothing is put in
# front (`_PyType_PreHeaderSize` in `Include/internal/pycore_object.h`). The sizes themselves change between
# versions: the table below shows the values of the interpreter that ran this notebook.

# %%
print(f"{object().__sizeof__() = }")
print(f"{sys.getsizeof([]) - [].__sizeof__() = }")
print(f"{sys.getsizeof(10**100) - (10**100).__sizeof__() = }")
print(f"{gc.is_tracked([]) = }, {gc.is_tracked(10**100) = }")
print(f"{sys.getsizeof({'a': 1}) > {'a': 1}.__sizeof__() = }, {gc.is_tracked({'a': 1}) = }")
for label, value in [("0", 0), ("10**100", 10**100), ("''", ""), ("'a' * 100", "a" * 100),
                     ("[]", []), ("[1] * 100", [1] * 100), ("{}", {})]:
    print(f"  sys.getsizeof({label:10}) = {sys.getsizeof(value)}")
print(f"{(sys.getsizeof([1] * 100) - sys.getsizeof([])) // 100 = }")

# %% [markdown] tags=["ko"]
# ## 4. 아이덴티티와 동등성 { #identity }
#
# `is`는 같은 객체인지, `==`는 값이 같은지 묻습니다. `id()` 값 자체는 실행할 때마다 달라서 출력하지 않습니다.

# %% [markdown] tags=["en"]
# ## 4. Identity and equality { #identity }
#
# `is` asks whether two names refer to the same object, `==` whether the values are equal. The `id()`
# values themselves differ on every run, so they are not printed.

# %%
a = [1, 2, 3]
b = [1, 2, 3]
c = a
print(f"{a is b = }, {a == b = }")
print(f"{a is c = }, {a == c = }")
print(f"{id(a) == id(c) = }")

# %% [markdown] tags=["ko"]
# ## 5. 컨텍스트 관리자 { #context-managers }
#
# `with` 블록을 예외로 빠져나가도 `__exit__`은 호출됩니다.

# %% [markdown] tags=["en"]
# ## 5. Context managers { #context-managers }
#
# `__exit__` runs even when the `with` block is left by an exception.

# %%
class ResourceManager:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"  __enter__: {self.name = }")
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        print(f"  __exit__: {exc_type = }")
        return False


try:
    with ResourceManager("Database Connection"):
        raise RuntimeError("failure inside the block")
except RuntimeError as error:  # the exception still reaches the caller
    print(f"{type(error).__name__ = }")

# %% [markdown] tags=["ko"]
# ## 6. tracemalloc으로 메모리 프로파일링 { #tracemalloc }
#
# 바이트 수는 실행할 때마다 조금씩 다르므로, 가장 많이 할당한 줄과 현재 사용량과 최대 사용량의 관계처럼
# 변하지 않는 사실만 출력합니다. `compare_to()`는 변화량의 절댓값이 큰 순서로 정렬하므로, 메모리를 해제한 줄이
# 맨 앞에 올 수도 있습니다. 여기서는 할당만 하므로 첫 항목이 가장 많이 할당한 줄입니다.

# %% [markdown] tags=["en"]
# ## 6. Memory profiling with tracemalloc { #tracemalloc }
#
# Byte counts vary from run to run, so this prints only what does not: the line that allocated the most,
# and how current and peak usage relate. `compare_to()` sorts by the absolute change, so a line that freed
# memory can come first; this code only allocates, so the first entry is the line that allocated the most.

# %%
def memory_intensive_function():
    data = []
    for i in range(1000):
        data.append([i] * 100)
    return data


tracemalloc.start()
before = tracemalloc.take_snapshot()
result = memory_intensive_function()
after = tracemalloc.take_snapshot()
top = after.compare_to(before, "lineno")[0]
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(top.traceback.format()[-1].strip())
print(f"{top.size_diff > 500 * 1024 = }")
print(f"{peak >= current = }")
del result

# %% [markdown] tags=["ko"]
# ## 7. 메모리 문제 디버깅 { #debugging }
#
# `gc.get_referrers()`는 객체를 참조하는 객체를 찾습니다. 결과에는 실행 환경의 객체(모듈 딕셔너리 등)도
# 섞이므로, 찾으려는 참조가 그중에 있는지만 출력합니다.

# %% [markdown] tags=["en"]
# ## 7. Debugging memory { #debugging }
#
# `gc.get_referrers()` finds the objects that refer to an object. Its result also holds objects of the
# environment (module dicts and so on), so this prints only whether the reference we look for is among them.

# %%
class Container:
    def __init__(self, name):
        self.name = name
        self.items = []


container = Container("MyContainer")
item = [1, 2, 3]
container.items.append(item)
print(f"{any(r is container.items for r in gc.get_referrers(item)) = }")

# %% [markdown] tags=["ko"]
# ## 8. 인터닝과 캐싱 { #interning }
#
# 실행 중에 만든 정수는 -5부터 256까지만 캐시됩니다(3.15부터는 1024까지). 그래서 아래 코드는 캐시 밖의 값으로
# 100000을 씁니다. 원문의 `a = 257; b = 257` 예제는 스크립트 하나로 실행하면 `True`를 출력합니다. 같은 코드 객체
# 안의 같은 상수는 하나로 합쳐지기 때문입니다.

# %% [markdown] tags=["en"]
# ## 8. Interning and caching { #interning }
#
# Integers made at run time are cached only from -5 to 256 (to 1024 since 3.15), so the code below uses
# 100000 as a value outside the cache. The source's `a = 257; b = 257` example prints `True` when run as
# one script: equal constants in one code object are merged.

# %%
print(f"{int('256') is int('256') = }")
print(f"{int('100000') is int('100000') = }")
a = 100000
b = 100000
print(f"{a is b = }")
print(f"{eval(compile('100000', '<a>', 'eval')) is eval(compile('100000', '<b>', 'eval')) = }")
s1 = "".join(["hello", " world"])
s2 = "".join(["hello", " world"])
print(f"{s1 is s2 = }, {sys.intern(s1) is sys.intern(s2) = }")

# %% [markdown] tags=["ko"]
# ## 9. 메모리 효율적인 자료 구조 { #structures }
#
# `array.array`는 값을 객체가 아닌 기계 표현으로 저장합니다. `__slots__`가 있는 클래스의 인스턴스에는
# `__dict__`가 없습니다.

# %% [markdown] tags=["en"]
# ## 9. Memory-efficient structures { #structures }
#
# `array.array` stores values in their machine representation, not as objects. Instances of a class with
# `__slots__` have no `__dict__`.

# %%
numbers = list(range(1000, 2000))
ints = sum(sys.getsizeof(n) for n in numbers)
packed = array.array("i", numbers)
print(f"{sys.getsizeof(packed) < sys.getsizeof(numbers) + ints = }")
print(f"{sys.getsizeof(packed) * 4 < sys.getsizeof(numbers) + ints = }")


class Plain:
    def __init__(self):
        self.x = 1


class Slotted:
    __slots__ = ("x",)

    def __init__(self):
        self.x = 1


print(f"{hasattr(Plain(), '__dict__') = }, {hasattr(Slotted(), '__dict__') = }")
print(f"{sys.getsizeof(x for x in range(10)) == sys.getsizeof(x for x in range(10**6)) = }")

# %% [markdown] tags=["ko"]
# ## 10. 핵심 정리 { #takeaways }
#
# 1. 객체 생성은 `__new__`(할당) 다음 `__init__`(초기화)이고, 새 객체는 참조 횟수 1로 만들어집니다.
# 2. 참조 횟수가 0이 되면 `__del__`(있다면)이 호출되고 객체가 해제됩니다.
# 3. 정리 작업은 `__del__` 대신 `with`로 합니다.
# 4. 객체 헤더는 64비트 기본 빌드에서 16바이트이고, 가비지 수거기를 지원하는 형의 객체에는 GC 헤더가 더
#    붙습니다(수거기가 그 객체를 추적하는지와는 별개입니다).
# 5. 실행 중에 만든 정수는 -5부터 256까지(3.15부터는 1024까지) 캐시됩니다. 상수의 `is` 결과는 컴파일 방식에
#    달려 있습니다.
# 6. 문자열은 `sys.intern()`으로 명시적으로 인터닝할 수 있습니다. 비교는 `is`가 아니라 `==`로 합니다.
# 7. 디버깅에는 tracemalloc과 `gc.get_referrers()`를 씁니다.
# 8. `__del__`이 있는 순환도 Python 3.4부터 수거됩니다.
#
# 연습 문제는 [연습 문제](../exercises/) 페이지에 있습니다.

# %% [markdown] tags=["en"]
# ## 10. Key takeaways { #takeaways }
#
# 1. Creation is `__new__` (allocate) then `__init__` (initialise); a new object starts with a count of 1.
# 2. When the count reaches 0, `__del__` (if defined) runs and the object is freed.
# 3. Clean up with `with`, not `__del__`.
# 4. The object header is 16 bytes on a 64-bit default build; objects of the types the garbage collector
#    supports add a GC header there, whether or not the collector is tracking them.
# 5. Integers made at run time are cached from -5 to 256 (to 1024 since 3.15); `is` on constants depends on
#    how the code was compiled.
# 6. Strings can be interned explicitly with `sys.intern()`; compare them with `==`, not `is`.
# 7. Debug with tracemalloc and `gc.get_referrers()`.
# 8. Cycles with `__del__` are collected since Python 3.4.
#
# The practice problems are on the [Exercises](../exercises/) page.
