import weakref

events = []


class Tracked:
    alive = 0  # instances initialized and not yet finalized

    def __new__(cls, name):
        events.append(f"__new__ {name}")  # 1. the object is allocated
        return super().__new__(cls)

    def __init__(self, name):
        events.append(f"__init__ {name}")  # 2. the new object is initialized
        self.name = name
        Tracked.alive += 1

    def __del__(self):
        events.append(f"__del__ {self.name}")  # 3. its reference count reached 0
        Tracked.alive -= 1


def freed(ref):
    events.append("freed")  # 4. called as the object is freed


a = Tracked("a")
watch = weakref.ref(a, freed)
alias = a  # a second reference
del a  # removes one name only: the object stays alive
events.append("del a")
print(Tracked.alive)
#> 1
del alias  # the last reference: finalized and freed right here
events.append("del alias")
print(events)
#> ['__new__ a', '__init__ a', 'del a', '__del__ a', 'freed', 'del alias']
print(Tracked.alive, watch())
#> 0 None
