import gc
import weakref


class Button:
    def __init__(self, label):
        self.label = label
        self.on_click = self.handle_click  # a bound method refers back to self

    def handle_click(self):
        return f"{self.label} clicked"


def keepers(obj):
    # Describes each object that refers to obj; for a bound method, also where it is stored.
    found = []
    for referrer in gc.get_referrers(obj):
        description = f"{type(referrer).__name__} {getattr(referrer, '__name__', '')}".strip()
        owner = getattr(referrer, "__self__", None)  # a bound method's instance
        if owner is not None:
            names = [name for name, value in vars(owner).items() if value is referrer]
            description += f", stored in {type(owner).__name__}.{', '.join(names)}"
        found.append(description)
    return found


gc.disable()  # reference counting only: the cycle stays until it is broken
button = Button("OK")
alive = weakref.ref(button)
del button
print(alive() is not None)  # no name refers to it, yet it is alive
#> True
print(keepers(alive()))
#> ['method handle_click, stored in Button.on_click']
del alive().on_click  # break the cycle
print(alive())  # freed at once, by reference counting alone
#> None
