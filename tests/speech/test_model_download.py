"""Installing the speech model, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import http.server
import os
import socket
import sys
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from modeltools import write_model

from facilitator.errors import ModelError
from facilitator.speech.model_download import download_model
from facilitator.speech.model_store import (
    DEFAULT_MODEL,
    check_model,
    find_model,
    missing_parts,
    models_dir,
)

MODEL_NAME = "vosk-model-test-nl-0.1"


def make_zip(path: Path, *, top: str | None = MODEL_NAME, marker: str = "one") -> bytes:
    """A model zip as Alpha Cephei packs them: everything under one top folder."""
    source = write_model(path.parent / f"src-{path.stem}", marker)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for file in sorted(source.rglob("*")):
            if file.is_file():
                name = file.relative_to(source).as_posix()
                # One member stored uncompressed, so a test can damage plain bytes.
                method = zipfile.ZIP_STORED if name == "README" else zipfile.ZIP_DEFLATED
                bundle.write(file, f"{top}/{name}" if top else name, compress_type=method)
    return path.read_bytes()


@dataclass
class Served:
    """What the test server answers: a body, optionally cut off or refused."""

    body: bytes = b""
    status: int = 200
    cut_after: int | None = None  # close the connection after this many body bytes
    requests: list[str] = field(default_factory=list)


class Server:
    def __init__(self, served: Served) -> None:
        self.served = served
        handler = _handler(served)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def _handler(served: Served) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append(self.path)
            self.send_response(served.status)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(served.body)))
            self.end_headers()
            if served.status != 200:
                return
            if served.cut_after is None:
                self.wfile.write(served.body)
            else:
                self.wfile.write(served.body[: served.cut_after])
                self.wfile.flush()
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(directory))
    monkeypatch.delenv("FACILITATOR_MODEL", raising=False)
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    return directory


@pytest.fixture
def served() -> Served:
    return Served()


@pytest.fixture
def server(served: Served) -> Iterator[Server]:
    running = Server(served)
    yield running
    running.close()


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int | None]] = []

    def __call__(self, done: int, total: int | None) -> None:
        self.calls.append((done, total))


def everything_in(directory: Path) -> list[str]:
    """All entries of the models directory, hidden ones included."""
    if not directory.exists():
        return []
    return sorted(entry.name for entry in directory.iterdir())


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- downloading ---------------------------------------------------------------------


def test_download_installs_the_model_and_reports_progress(
    tmp_path: Path, served: Served, server: Server
) -> None:
    served.body = make_zip(tmp_path / "model.zip")
    progress = Recorder()

    path = download_model(server.url("model.zip"), progress)

    assert path == models_dir() / MODEL_NAME
    assert missing_parts(path) == []
    assert (path / "README").read_text() == "one"
    assert everything_in(models_dir()) == [MODEL_NAME]
    total = len(served.body)
    assert progress.calls[0] == (0, total)
    assert progress.calls[-1] == (total, total)
    done = [call[0] for call in progress.calls]
    assert done == sorted(done)


def test_matching_size_and_checksum_are_accepted(
    tmp_path: Path, served: Served, server: Server
) -> None:
    served.body = make_zip(tmp_path / "model.zip")
    sha256 = hashlib.sha256(served.body).hexdigest().upper()

    path = download_model(server.url("model.zip"), None, len(served.body), sha256)

    assert path.is_dir()


def test_checksum_mismatch_installs_nothing(tmp_path: Path, served: Served, server: Server) -> None:
    served.body = make_zip(tmp_path / "model.zip")

    with pytest.raises(ModelError, match="SHA-256") as caught:
        download_model(server.url("model.zip"), None, expected_sha256="0" * 64)

    assert hashlib.sha256(served.body).hexdigest() in str(caught.value)
    assert everything_in(models_dir()) == []


def test_size_mismatch_is_refused_before_the_body_is_read(
    tmp_path: Path, served: Served, server: Server
) -> None:
    served.body = make_zip(tmp_path / "model.zip")
    progress = Recorder()

    with pytest.raises(ModelError, match=str(len(served.body))):
        download_model(server.url("model.zip"), progress, expected_size=len(served.body) + 1)

    assert progress.calls == []
    assert everything_in(models_dir()) == []


def test_the_default_archive_is_checked_against_its_published_size(
    tmp_path: Path, served: Served, server: Server
) -> None:
    served.body = make_zip(tmp_path / "model.zip")

    with pytest.raises(ModelError, match=str(DEFAULT_MODEL.size)):
        download_model(server.url(f"mirror/{DEFAULT_MODEL.file_name}"), None)

    assert everything_in(models_dir()) == []


def test_interrupted_transfer_installs_nothing(
    tmp_path: Path, served: Served, server: Server
) -> None:
    served.body = make_zip(tmp_path / "model.zip")
    served.cut_after = len(served.body) // 2

    with pytest.raises(ModelError) as caught:
        download_model(server.url("model.zip"), None)

    message = str(caught.value)
    assert str(served.cut_after) in message and str(len(served.body)) in message
    assert everything_in(models_dir()) == []


def test_http_error_says_what_to_do(served: Served, server: Server) -> None:
    served.status = 404

    with pytest.raises(ModelError, match="404") as caught:
        download_model(server.url("missing.zip"), None)

    assert "--from" in str(caught.value)
    assert everything_in(models_dir()) == []


def test_no_network_suggests_a_zip_from_another_computer() -> None:
    url = f"http://127.0.0.1:{closed_port()}/{DEFAULT_MODEL.file_name}"

    with pytest.raises(ModelError) as caught:
        download_model(url, None, timeout_s=5)

    message = str(caught.value)
    assert url in message
    assert "facilitator model download --from" in message
    assert everything_in(models_dir()) == []


@pytest.mark.parametrize("damaged", ["am/final.mdl", "README"])
def test_a_damaged_zip_installs_nothing(
    tmp_path: Path, served: Served, server: Server, damaged: str
) -> None:
    archive = tmp_path / "model.zip"
    body = bytearray(make_zip(archive))
    with zipfile.ZipFile(archive) as bundle:
        member = bundle.getinfo(f"{MODEL_NAME}/{damaged}")
    # The member's data follows its 30-byte local header, its name and extra field.
    header = member.header_offset
    name_length = int.from_bytes(body[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(body[header + 28 : header + 30], "little")
    start = header + 30 + name_length + extra_length
    body[start + member.compress_size // 2] ^= 0x01
    served.body = bytes(body)

    with pytest.raises(ModelError, match="zip"):
        download_model(server.url("model.zip"), None)

    assert everything_in(models_dir()) == []


# --- local sources -------------------------------------------------------------------


def test_install_from_a_local_zip(tmp_path: Path) -> None:
    archive = tmp_path / "usb" / "vosk-model-test-nl-0.1.zip"
    archive.parent.mkdir()
    body = make_zip(archive)
    progress = Recorder()

    path = download_model(str(archive), progress, expected_sha256=hashlib.sha256(body).hexdigest())

    assert path == models_dir() / MODEL_NAME
    assert missing_parts(path) == []
    assert progress.calls[-1] == (len(body), len(body))
    assert archive.exists(), "the user's own file is left alone"


def test_a_flat_zip_is_named_after_the_file(tmp_path: Path) -> None:
    archive = tmp_path / "my-model.zip"
    make_zip(archive, top=None)

    path = download_model(str(archive), None)

    assert path == models_dir() / "my-model"
    assert missing_parts(path) == []


def test_install_from_an_unpacked_directory(tmp_path: Path) -> None:
    source = write_model(tmp_path / "vosk-model-small-nl-0.22")
    progress = Recorder()

    path = download_model(str(source), progress)

    assert path == models_dir() / "vosk-model-small-nl-0.22"
    assert (path / "graph" / "phones" / "word_boundary.int").is_file()
    assert source.is_dir(), "the source directory is copied, not moved"
    assert progress.calls[-1][0] == progress.calls[-1][1]
    assert find_model() == path


def test_a_directory_without_a_model_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "photos"
    (source / "am").mkdir(parents=True)

    with pytest.raises(ModelError, match=r"conf/mfcc\.conf"):
        download_model(str(source), None)

    assert everything_in(models_dir()) == []


def test_a_zip_without_a_model_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "notes.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("notes/readme.txt", "hello")

    with pytest.raises(ModelError, match=r"am/final\.mdl") as refused:
        download_model(str(archive), None)

    assert everything_in(models_dir()) == []
    message = str(refused.value)
    assert message.startswith(f"In het zip-bestand {archive} staat geen compleet spraakmodel")
    assert "De map" not in message and "facilitator model download\n" not in message
    assert "opnieuw met: facilitator model download" not in message  # not the internet


def test_a_zip_that_escapes_its_folder_is_not_unpacked(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("model/../../outside.txt", "boo")

    with pytest.raises(ModelError, match=r"\.\./"):
        download_model(str(archive), None)

    assert not (tmp_path / "outside.txt").exists()
    assert everything_in(models_dir()) == []


def test_an_encrypted_zip_is_a_clear_error(tmp_path: Path) -> None:
    archive = tmp_path / "geheim.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("model/am/final.mdl", "versleuteld")
    data = bytearray(archive.read_bytes())
    # Mark the member encrypted, as a zip made with a password does: bit 0 of the
    # flags in the local header (offset 6) and in the central directory (offset 8).
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    archive.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="wachtwoord"):
        download_model(str(archive), None)
    assert everything_in(models_dir()) == []


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_a_source_that_is_not_a_file_is_named_for_what_it_is(tmp_path: Path, source: str) -> None:
    if source == "fifo":
        source = str(tmp_path / "model.zip")
        os.mkfifo(source)
    with pytest.raises(ModelError, match="geen gewoon bestand"):
        download_model(source, None)


def test_missing_and_unsupported_sources(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="bestaat niet"):
        download_model(str(tmp_path / "nothing.zip"), None)
    with pytest.raises(ModelError, match="ftp://"):
        download_model("ftp://example.org/model.zip", None)
    with pytest.raises(ModelError, match="SHA-256"):
        download_model(str(tmp_path), None, expected_sha256="xyz")


# --- replacing and leftovers ---------------------------------------------------------


def test_an_existing_model_is_replaced_whole(tmp_path: Path) -> None:
    first = tmp_path / "first" / "vosk-model-test-nl-0.1.zip"
    second = tmp_path / "second" / "vosk-model-test-nl-0.1.zip"
    first.parent.mkdir()
    second.parent.mkdir()
    make_zip(first, marker="one")
    make_zip(second, marker="two")
    path = download_model(str(first), None)
    (path / "stale-file").write_text("from the old model")

    again = download_model(str(second), None)

    assert again == path
    assert (path / "README").read_text() == "two"
    assert not (path / "stale-file").exists()
    assert everything_in(models_dir()) == [MODEL_NAME]


def test_a_failed_replacement_keeps_the_old_model(
    tmp_path: Path, served: Served, server: Server
) -> None:
    archive = tmp_path / "usb" / "model.zip"
    archive.parent.mkdir()
    make_zip(archive, marker="one")
    path = download_model(str(archive), None)
    served.body = make_zip(tmp_path / "model.zip", marker="two")
    served.cut_after = 100

    with pytest.raises(ModelError):
        download_model(server.url("model.zip"), None)

    assert (path / "README").read_text() == "one"
    assert everything_in(models_dir()) == [MODEL_NAME]


def test_leftovers_of_a_killed_install_are_cleared(tmp_path: Path) -> None:
    root = models_dir()
    root.mkdir(parents=True)
    (root / ".partial-abc.zip").write_bytes(b"half a zip")
    (root / ".staging-def" / "x").mkdir(parents=True)
    # Killed between moving the old model aside and putting the new one in place:
    write_model(root / ".old-1234abcd-vosk-model-old-0.1")
    archive = tmp_path / "model.zip"
    make_zip(archive)

    download_model(str(archive), None)

    assert everything_in(root) == sorted([MODEL_NAME, "vosk-model-old-0.1"])


@pytest.mark.skipif(sys.platform == "win32", reason="the lock uses flock")
def test_a_second_install_at_the_same_time_is_refused(tmp_path: Path) -> None:
    import fcntl
    import os

    root = models_dir()
    root.mkdir(parents=True)
    archive = tmp_path / "model.zip"
    make_zip(archive)
    holder = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        with pytest.raises(ModelError, match="al een spraakmodel"):
            download_model(str(archive), None)
    finally:
        os.close(holder)
    assert download_model(str(archive), None).is_dir()


def test_a_model_with_a_fixed_graph_is_refused(tmp_path: Path) -> None:
    """vosk would ignore the command grammar and transcribe the room."""
    model = write_model(tmp_path / "big")
    (model / "graph" / "HCLr.fst").unlink()
    (model / "graph" / "Gr.fst").unlink()
    (model / "graph" / "HCLG.fst").write_bytes(b"full graph")

    with pytest.raises(ModelError, match=r"HCLG\.fst"):
        check_model(model)
    with pytest.raises(ModelError, match=r"HCLG\.fst"):
        download_model(str(model), None)
    assert everything_in(models_dir()) == []
