"""Pairing codes and rate limits, on a clock that moves only when told."""

from __future__ import annotations

import pytest

from facilitator.display.guard import GUESSES_BURST, Pairing, RateLimits, TokenBucket, TooFast
from facilitator.meeting.clock import FakeClock


def test_a_bucket_allows_a_burst_then_its_rate() -> None:
    clock = FakeClock(0.0)
    bucket = TokenBucket(burst=3, rate=2.0, clock=clock.now)
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    clock.jump(0.5)  # one token back
    assert bucket.take() and not bucket.take()
    clock.jump(100)  # never more than the burst
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]


def test_each_client_has_a_bucket_of_its_own() -> None:
    limits = RateLimits(burst=1, rate=0.1, clock=FakeClock(0.0).now)
    assert limits.allow("192.0.2.7") and not limits.allow("192.0.2.7")
    assert limits.allow("192.0.2.8")


def test_a_pairing_code_is_six_fresh_digits() -> None:
    codes = {Pairing().code for _ in range(20)}
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    assert len(codes) > 1


def test_the_right_code_gives_a_token_that_is_known() -> None:
    pairing = Pairing("123456")
    assert not pairing.paired
    token = pairing.pair(" 123 456 ")  # typed with spaces
    assert token is not None and len(token) >= 32
    assert pairing.knows(token) and pairing.paired
    assert not pairing.knows(token + "x") and not pairing.knows(None) and not pairing.knows("")
    assert pairing.pair("123456") != token  # a second phone gets a token of its own


def test_wrong_codes_are_limited_for_everyone_together() -> None:
    clock = FakeClock(0.0)
    pairing = Pairing("123456", clock=clock.now)
    for guess in range(GUESSES_BURST):
        assert pairing.pair(f"{guess:06d}") is None
    with pytest.raises(TooFast):
        pairing.pair("654321")
    with pytest.raises(TooFast):  # while limited, even the right code waits
        pairing.pair("123456")
    clock.jump(12.0)  # one wrong guess a twelve seconds
    assert pairing.pair("123456") is not None
    assert pairing.pair("123456") is not None  # right codes use up nothing


def test_a_new_meeting_knows_no_token_of_the_last() -> None:
    old = Pairing("123456")
    token = old.pair("123456")
    assert not Pairing("123456").knows(token)
