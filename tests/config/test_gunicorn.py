import gc
import runpy
from pathlib import Path

import config

GUNICORN_CONF = Path(config.__file__).parent / "gunicorn.conf.py"


def test_a_worker_freezes_its_start_up_objects_out_of_the_garbage_collector() -> None:
    settings = runpy.run_path(str(GUNICORN_CONF))
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        settings["post_worker_init"](object())
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_frozen_objects_made_while_serving_are_still_collected() -> None:
    settings = runpy.run_path(str(GUNICORN_CONF))
    try:
        settings["post_worker_init"](object())
        frozen = gc.get_freeze_count()

        class Cycle:
            partner: "Cycle"

        for _ in range(100):
            first, second = Cycle(), Cycle()
            first.partner, second.partner = second, first
        del first, second
        assert gc.collect() >= 200
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
