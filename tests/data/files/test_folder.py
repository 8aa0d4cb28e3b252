"""data/folder.py and data/locks.py: the data folder's transaction, in one process (the crashes and
the races between processes are tests/test_faults.py's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorecard.data.files import folder
from scorecard.data.files import journal as journal_file
from scorecard.data.files.folder import Transaction, changing, commit, read_files
from scorecard.data.importer.importing import import_file


def test_a_transaction_reads_then_commits_under_one_lock(tmp_data_dir: Path) -> None:
    with changing(tmp_data_dir) as transaction:
        assert isinstance(transaction, Transaction)
        before = transaction.read()
        assert before.files["values.csv"] == (tmp_data_dir / "values.csv").read_bytes()
        transaction.commit({"values.csv": before.files["values.csv"] + b"\n"})
        assert transaction.read().files["values.csv"] == before.files["values.csv"] + b"\n"
    assert (tmp_data_dir / "values.csv").read_bytes() == before.files["values.csv"] + b"\n"


def test_a_transaction_ends_with_its_block(tmp_data_dir: Path) -> None:
    with changing(tmp_data_dir) as transaction:
        pass
    with pytest.raises(RuntimeError, match="ended"):
        transaction.read()
    with pytest.raises(RuntimeError, match="ended"):
        transaction.commit({"values.csv": b"id\n"})


def test_a_second_lock_in_one_process_is_refused_at_once(tmp_data_dir: Path) -> None:
    # Without the transaction, reading inside it would wait for its own lock until the wait ran out.
    with changing(tmp_data_dir), pytest.raises(RuntimeError, match="already locked by this process"):
        read_files(tmp_data_dir)
    with changing(tmp_data_dir), pytest.raises(RuntimeError, match="already locked by this process"):
        commit(tmp_data_dir, {"values.csv": b"id\n"})
    assert read_files(tmp_data_dir).files  # and the lock is free again afterwards


def test_read_files_and_commit_outside_a_transaction_lock_for_themselves(tmp_data_dir: Path) -> None:
    commit(tmp_data_dir, {"revisions.csv": b"x\n"})
    assert read_files(tmp_data_dir).files["revisions.csv"] == b"x\n"


def test_an_import_recovers_the_folder_once(
    tmp_data_dir: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovered: list[Path] = []
    recover = folder._recover_locked

    def counted(at: Path) -> list[str]:
        recovered.append(at)
        return recover(at)

    monkeypatch.setattr(folder, "_recover_locked", counted)
    (tmp_data_dir / ".values.csv.0123456789ab.tmp").write_bytes(b"left by a crash")
    import_file(seed_path, tmp_data_dir)
    assert recovered == [tmp_data_dir]  # the read and the commit inside the import lock nothing again
    assert not (tmp_data_dir / ".values.csv.0123456789ab.tmp").exists()


def test_read_files_recovers_before_it_reads(tmp_data_dir: Path) -> None:
    # A crash after the journal: the read sees the new file, not the old one.
    new = b"id,period,value,status,count,raw,numerator,denominator\n"
    temporary = ".values.csv.0123456789ab.tmp"
    (tmp_data_dir / temporary).write_bytes(new)
    journal = {
        "files": [{"temporary": temporary, "target": "values.csv", "sha256": journal_file.sha256(new)}]
    }
    (tmp_data_dir / folder.JOURNAL).write_text(json.dumps(journal))
    assert read_files(tmp_data_dir).files["values.csv"] == new
    assert not (tmp_data_dir / folder.JOURNAL).exists()
