"""Folders as an attacker leaves them: every file that cannot be read is reported, none skipped."""

from __future__ import annotations

import os

from hostile import article

from marsad.ingest import read_sources
from marsad.model import Document, Rejected


def reasons(items) -> dict[str, str]:
    return {os.path.basename(i.origin): i.reason for i in items if isinstance(i, Rejected)}


def test_links_fifos_and_unreadable_folders_are_each_reported(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "again").symlink_to(tmp_path)  # a folder link back up: a loop
    (tmp_path / "sub" / "b.txt").write_text(article(2), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text(article(3), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # tests run as root, whom chmod 000 does not stop: refuse like the kernel would
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_sources([tmp_path]))
    assert sorted(os.path.basename(d.origin) for d in items if isinstance(d, Document)) == [
        "b.txt",
        "good.txt",
    ]
    assert reasons(items) == {
        "dangling.txt": "broken_link",
        "loop.txt": "symlink_loop",
        "again": "symlink_loop",
        "pipe.txt": "not_regular_file",
        "locked": "unreadable",
    }


def test_a_fifo_named_on_the_command_line_is_reported_not_read(tmp_path):
    os.mkfifo(tmp_path / "in.txt")
    (rejected,) = read_sources([tmp_path / "in.txt"])  # reading it would block forever
    assert rejected.reason == "not_regular_file"


def test_a_dangling_link_named_on_the_command_line_is_reported(tmp_path):
    (tmp_path / "x.txt").symlink_to(tmp_path / "gone.txt")
    (rejected,) = read_sources([tmp_path / "x.txt"])
    assert rejected.reason == "broken_link"
