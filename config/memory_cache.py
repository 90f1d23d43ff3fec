"""The cache in each process's memory that keeps the sessions' pieces when there is no Redis
(sessions/fragments.py): Django's LocMemCache, reading many entries under one lock.

A page asks for up to 300 pieces at once. LocMemCache.get_many asks for each alone: it
checks the key, takes the lock and reads the clock 300 times, which cost more than the
pieces themselves. Here the lock is taken once. Keys are not checked for memcached, as
they are fixed-length hex digests made by the code.
"""

import pickle
import time

from django.core.cache.backends.locmem import LocMemCache


class ManyAtOnceMemoryCache(LocMemCache):
    def get_many(self, keys, version=None):
        now = time.time()
        found = {}
        with self._lock:
            for key in keys:
                stored_key = self.make_key(key, version=version)
                expires = self._expire_info.get(stored_key, -1)
                if expires is not None and expires <= now:  # missing, or expired
                    continue
                found[key] = self._cache[stored_key]
                self._cache.move_to_end(stored_key, last=False)  # recently used, culled last
        return {key: pickle.loads(pickled) for key, pickled in found.items()}
