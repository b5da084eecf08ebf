# %% [markdown] tags=["ko"]
# # 실행 예제 노트북 { #object-lifecycle-example }
#
# 객체가 만들어지고, 쓰이고, 해제되기까지를 스크립트 하나로 따라가며 이 사이트의 각 페이지에서 다룬 사실을 차례로
# 출력합니다.
#
# 스크립트로 실행해도 되고(`python object_lifecycle.py`), 노트북으로 열어도 됩니다.
# 내려받기: [object_lifecycle.py](object_lifecycle.py) · [object_lifecycle.ipynb](object_lifecycle.ipynb)
# (출력이 포함된 노트북)
#
# 메모리 주소나 `id()` 값처럼 실행할 때마다 달라지는 값은 출력하지 않습니다. 3절의 크기는 버전과 빌드에 따라
# 다르며, 출력의 첫 줄에는 그 값을 출력한 파이썬 버전이 나옵니다. 출력은 대부분 f-문자열의 `=`
# 지정자(`f"{a is b = }"`)로 출력한 `식 = 값` 꼴이고, 나머지 줄은 `del obj1`처럼 실행한 파이썬 문장이나 소스 코드 한 줄입니다.

# %% [markdown] tags=["en"]
# # Runnable example notebook { #object-lifecycle-example }
#
# This script follows an object from its creation through its use to its end, printing the facts that
# this site's pages establish, one section at a time.
#
# Run it as a script (`python object_lifecycle.py`) or open it as a notebook.
# Download: [object_lifecycle.py](object_lifecycle.py) · [object_lifecycle.ipynb](object_lifecycle.ipynb)
# (the notebook with its outputs)
#
# It prints no value that changes from run to run, such as memory addresses or `id()` values. The sizes in
# section 3 depend on the version and build; the first output line shows the Python version that printed
# them. Most output lines read `expression = value`, printed by an f-string's `=` specifier
# (`f"{a is b = }"`); the others show a Python statement that ran, such as `del obj1`, or a line of source code.

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
# `__new__`가 객체를 만들어 돌려주면 `__init__`이 그 객체를 초기화합니다. 새 객체의 참조 횟수는 1에서
# 시작하며, 그 참조는 객체를 만든 쪽이 소유합니다. `__init__`은 참조 횟수를 바꾸지 않습니다. 아래 셀은 이름
# `obj` 하나에 묶인 새 객체의 참조 횟수를, `getrefcount()` 인자의 참조는 빼고 출력합니다.

# %% [markdown] tags=["en"]
# ## 1. Creation: `__new__()`, then `__init__()` { #creation }
#
# `__new__()` creates the object and returns it; then `__init__()` initializes it. A new object starts
# with one reference, owned by the code that created it; `__init__()` does not change the count. The
# cell below prints the reference count of a new object bound to the single name `obj`, leaving out the
# reference held by `getrefcount()`'s argument.

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
# `__del__`은 마지막 참조가 사라질 때, 그 참조를 없앤 문장 안에서 호출됩니다. 별칭이 남아 있으면 `del obj2`로는
# 호출되지 않습니다.

# %% [markdown] tags=["en"]
# ## 2. Destruction: `__del__()` { #destruction }
#
# `__del__()` runs when the last reference goes away, during the statement that removes it. While an alias
# remains, `del obj2` does not call it.

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
# `__del__`이 있는 객체끼리 순환 참조를 이루어도 가비지 수거기가 해제합니다. 파이썬 3.4부터는 수거기가
# 이런 순환을 `gc.garbage`에 남겨 두지 않습니다([PEP 442](https://peps.python.org/pep-0442/)).

# %% [markdown] tags=["en"]
# Objects with a `__del__()` method in a reference cycle are collected too. Since Python 3.4
# ([PEP 442](https://peps.python.org/pep-0442/)), the garbage collector frees such cycles and leaves nothing
# in `gc.garbage`.

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
# 모든 객체는 참조 횟수와 형 포인터를 담은 헤더로 시작합니다. `object().__sizeof__()`가 바로 그 헤더의
# 크기입니다. 리스트나 딕셔너리처럼 가비지 수거기를 지원하는 형(`Py_TPFLAGS_HAVE_GC`)의 객체는 기본 빌드에서 객체
# 앞에 GC 헤더가 더 붙고, `sys.getsizeof()`는 이를 세지만 `__sizeof__()`는 세지 않습니다. GC 헤더가 붙는지는 형이 정하지만,
# 수거기가 객체를 추적하는지는 객체마다 다릅니다. 3.13까지는 `{"a": 1}`처럼 원자적 형의 값만 담은 딕셔너리에 GC
# 헤더가 있어도 수거기가 추적하지 않고, 3.14부터는 만들 때부터 추적합니다
# ([gh-127010](https://github.com/python/cpython/issues/127010)). 자유 스레딩 빌드는 헤더가 더 크고 수거기 정보를
# 헤더 안에 두므로, 객체 앞에 GC 헤더를 붙이지 않습니다
# ([`_PyType_PreHeaderSize`](https://github.com/python/cpython/blob/main/Include/internal/pycore_object.h)). 크기
# 자체는 버전과 빌드마다 다릅니다. 아래 출력은 이 노트북을 실행한 인터프리터의 값입니다.

# %% [markdown] tags=["en"]
# ## 3. Object header and sizes { #sizes }
#
# Every object starts with a header that holds its reference count and a pointer to its type;
# `object().__sizeof__()` is that header alone. On default builds, containers such as lists and dicts also
# carry a GC header in front of the object, which `sys.getsizeof()` counts and `__sizeof__()` does not.
#
# Whether the collector tracks a particular object is a separate question: since 3.14, even a dict that
# holds only atomic values, such as `{"a": 1}`, is tracked. The rest of the layout, including that of
# free-threaded builds, is explained on the [Object layout and sizes](../object-sizes/) page.

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
# `is`는 두 이름이 같은 객체를 가리키는지, `==`는 값이 같은지 묻습니다. `id()` 값 자체는 실행할 때마다 달라지므로
# 출력하지 않습니다.

# %% [markdown] tags=["en"]
# ## 4. Identity and equality { #identity }
#
# `is` tests whether two names refer to the same object; `==` tests whether their values are equal. The
# `id()` values themselves change from run to run, so they are not printed.

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
# `with` 블록을 예외로 빠져나가도 `__exit__()`가 호출됩니다. `__exit__()`가 `False`를 돌려주므로 예외는 호출한
# 쪽까지 전달됩니다.

# %% [markdown] tags=["en"]
# ## 5. Context managers { #context-managers }
#
# `__exit__()` runs even when the `with` block is left by an exception. Here it returns `False`, so the
# exception still reaches the caller.

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
# 바이트 수는 버전과 실행 환경에 따라 다르므로, 가장 많이 할당한 줄, 그리고 현재 크기와 최댓값의 관계처럼
# 변하지 않는 사실만 출력합니다. `compare_to()`는 변화량의 절댓값이 큰 순서로 정렬하므로, 메모리를 해제한 줄이
# 맨 앞에 올 수도 있습니다. 여기서는 할당만 하므로 첫 항목이 가장 많이 할당한 줄입니다.

# %% [markdown] tags=["en"]
# ## 6. Memory profiling with tracemalloc { #tracemalloc }
#
# Byte counts depend on the version and the environment, so this cell prints only facts that do not:
# which line allocated the most, and how current and peak usage relate. (`compare_to()` sorts by the
# absolute change; this code only allocates, so the first entry is the largest allocation.)

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
# `gc.get_referrers()`는 주어진 객체를 참조하는 객체들을 찾습니다. 결과에는 실행 방식에 따라 다른 객체(모듈 수준이라면
# 모듈의 이름 공간 딕셔너리 등)도 섞이므로, 찾으려는 참조가 그중에 있는지만 출력합니다.

# %% [markdown] tags=["en"]
# ## 7. Debugging memory { #debugging }
#
# `gc.get_referrers()` finds the objects that refer to an object. Its result also includes objects that
# vary with how the code is run, such as the module's namespace dict, so this cell prints only whether the
# expected referrer is among them.

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
# 실행 중에 만든 정수 가운데 함께 쓰는 객체는 작은 정수 캐시의 범위, 곧 -5부터 256까지(3.15부터는 1024까지,
# [gh-133059](https://github.com/python/cpython/issues/133059))의 정수뿐입니다. 그래서 아래 코드는 캐시 밖의 값으로
# 100000을 씁니다. 그래도 한 함수 본문에 쓴 `a = 100000`과 `b = 100000`은 한 객체입니다. 컴파일러가 한 코드 객체
# 안의 같은 상수를 하나로 합치기 때문입니다. 따로 컴파일하면 두 객체가 됩니다. 노트북(IPython)은 셀의 문장을 하나씩
# 따로 컴파일하므로, 두 대입문을 함수 안에 두어 스크립트와 노트북에서 같은 결과가 나오게 했습니다.

# %% [markdown] tags=["en"]
# ## 8. Interning and caching { #interning }
#
# Only integers in the small integer cache are shared when they are created at run time. The cache holds
# -5 to 256; since 3.15, it holds -5 to 1024 ([gh-133059](https://github.com/python/cpython/issues/133059)).
# So the cell below uses 100000, a value outside the cache. Even so, `a = 100000` and `b = 100000` in one
# function body refer to one object: the compiler merges equal constants within one unit of compilation.
# Compiled separately, they are two objects on default builds. A notebook (IPython) compiles each
# statement of a cell on its own, so the cell puts the two assignments in a function, where a script and a
# notebook give the same result.

# %%
print(f"{int('256') is int('256') = }")
print(f"{int('100000') is int('100000') = }")
def same_constants():  # one code object: the function body
    a = 100000
    b = 100000
    print(f"{a is b = }")


same_constants()
print(f"{eval(compile('100000', '<a>', 'eval')) is eval(compile('100000', '<b>', 'eval')) = }")
s1 = "".join(["hello", " world"])
s2 = "".join(["hello", " world"])
print(f"{s1 is s2 = }, {sys.intern(s1) is sys.intern(s2) = }")

# %% [markdown] tags=["ko"]
# ## 9. 메모리 효율적인 자료 구조 { #structures }
#
# `array.array`는 값을 파이썬 객체가 아니라 C 값 그대로 저장합니다. `__slots__`가 있는 클래스의 인스턴스에는
# `__dict__`가 없습니다. 제너레이터의 크기는 만들어 낼 항목 수와 상관이 없습니다.

# %% [markdown] tags=["en"]
# ## 9. Memory-efficient structures { #structures }
#
# `array.array` stores values in their machine representation, not as objects. Instances of a class with
# `__slots__` have no `__dict__`. A generator's size does not depend on how many items it will produce.

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
# 1. 객체 생성은 `__new__`(할당) 다음에 `__init__`(초기화)이 실행되는 순서이고, 새 객체의 참조 횟수는 1에서
#    시작합니다. 그 참조는 객체를 만든 쪽이 소유합니다.
# 2. 참조 횟수가 0이 되면 바로 그 문장 안에서 객체가 해제됩니다. `__del__`이 있으면 해제 직전에 호출됩니다.
# 3. 자원은 `__del__` 대신 `with`로 반납합니다.
# 4. 모든 객체는 헤더로 시작하고, 기본 빌드에서 가비지 수거기를 지원하는 형의 객체에는 GC 헤더가 더
#    붙습니다(수거기가 그 객체를 추적하는지와는 별개입니다).
# 5. 작은 정수 캐시의 정수는 함께 쓰는 객체입니다. 같은 값의 상수에 `is`가 참인지는 코드를 어떻게 컴파일했는지에
#    달려 있으므로, 숫자는 `==`로 비교합니다.
# 6. 문자열은 `sys.intern()`으로 명시적으로 인터닝할 수 있습니다. 비교는 `is`가 아니라 `==`로 합니다.
# 7. 디버깅에는 tracemalloc과 `gc.get_referrers()`를 씁니다.
# 8. `__del__`이 있는 순환도 파이썬 3.4부터 수거됩니다.
#
# 각 사실의 근거는 [핵심 정리](../takeaways/)에, 연습 문제는 [연습 문제](../exercises/) 페이지에 있습니다.

# %% [markdown] tags=["en"]
# ## 10. The main facts { #takeaways }
#
# 1. Creation is `__new__()` (allocate), then `__init__()` (initialize); from the moment it is allocated,
#    the object has one reference, held by the code that created it.
# 2. When the reference count reaches 0, `__del__()` (if defined) runs and the object is freed, during that
#    same statement.
# 3. Release resources with `with`, not with `__del__()`.
# 4. Every object starts with a header; on default builds, objects of the types the garbage collector
#    supports carry a GC header in front, whether or not the collector is tracking them.
# 5. Integers in the small integer cache are shared objects. Whether `is` holds for equal constants depends
#    on how the code was compiled, so compare numbers with `==`.
# 6. Strings can be interned explicitly with `sys.intern()`; compare them with `==` too, not `is`.
# 7. `tracemalloc` shows which line allocated memory; `gc.get_referrers()` shows what keeps an object alive.
# 8. Since 3.4, the garbage collector also frees cycles whose objects define `__del__()`.

#
# Each fact is shown on the [Key takeaways](../takeaways/) page; the practice problems are on the
# [Exercises](../exercises/) page.
