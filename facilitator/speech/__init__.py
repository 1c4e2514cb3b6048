"""Sound in and out: the voice, the chimes, the loudspeaker and (later) listening.

- ``audio``: ``Sound``, WAV loading, the cue sounds, devices and a ``Player``.
- ``tts``: ``Synthesizer``; ``EspeakSynthesizer`` (pyttsx3 + espeak-ng).
- ``output``: ``Output``, what the session runner speaks and plays through, and
  ``open_output``, which picks the best one that works here.

Nothing is imported here, so that ``import facilitator.speech`` stays cheap and
sounddevice/pyttsx3 load only when they are used.
"""
