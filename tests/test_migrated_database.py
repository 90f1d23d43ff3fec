"""The migrated SQLite database kept between runs is named by everything migrating depends
on, so a run never starts from a database that other migrations made
(tests/migrated_database.py)."""

from tests import migrated_database


def test_the_kept_database_changes_name_with_what_migrating_depends_on(tmp_path, monkeypatch):
    monkeypatch.setattr(migrated_database, "ROOT", tmp_path)
    monkeypatch.setattr(migrated_database, "FOLDER", tmp_path / ".cache")
    files = {
        "agenda/migrations/0001_initial.py": "import conference.blocks\n",
        "conference/blocks.py": "BLOCKS = []\n",
        "config/settings/base.py": "DEBUG = False\n",
        "uv.lock": "wagtail 8.0.1\n",
        "conference/views.py": "VIEWS = []\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    names = [migrated_database.template_path()]
    assert migrated_database.template_path() == names[0]

    (tmp_path / "conference/views.py").write_text("VIEWS = ['agenda']\n")
    assert migrated_database.template_path() == names[0]

    for name in [
        "agenda/migrations/0001_initial.py",
        "conference/blocks.py",
        "config/settings/base.py",
        "uv.lock",
    ]:
        (tmp_path / name).write_text(files[name] + "# changed\n")
        names.append(migrated_database.template_path())
    (tmp_path / "agenda/migrations/0002_more.py").write_text("")
    names.append(migrated_database.template_path())
    assert len(set(names)) == len(names) == 6
    assert all(path.parent == tmp_path / ".cache" for path in names)
