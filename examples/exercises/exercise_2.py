log = []


class FakeConnection:
    # Simulates a database connection that must always be closed.
    def __init__(self, name):
        self.name = name
        self.closed = True

    def __enter__(self):
        log.append(f"connect {self.name}")
        self.closed = False
        return self

    def execute(self, sql):
        if self.closed:
            raise RuntimeError("connection is closed")
        log.append(f"execute {sql}")

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            log.append("commit")
        else:
            log.append(f"rollback ({exc_type.__name__})")
        self.closed = True
        log.append("close")
        return False  # do not suppress the exception


with FakeConnection("test.db") as db:
    db.execute("INSERT 1")
print(log)
#> ['connect test.db', 'execute INSERT 1', 'commit', 'close']

log.clear()
try:
    with FakeConnection("test.db") as db:
        db.execute("INSERT 2")
        raise ValueError("bad row")
except ValueError as error:
    caught = error  # the exception reached the caller
print(log)
#> ['connect test.db', 'execute INSERT 2', 'rollback (ValueError)', 'close']
print(repr(caught), db.closed)
#> ValueError('bad row') True
