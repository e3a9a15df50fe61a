"""Setting up on a bare machine: the one list of system packages, installing them, and `lectern` saying
what is missing instead of Qt's abort.

resources/system-packages.txt is checked against the Qt wheel itself (every library that Qt and the
plugins Lectern loads link against is listed, with the package that gives it) and against its readers:
the .deb's Depends, the Makefile, .ci/run, the README and the packaging. packaging/system_deps.py runs
against a fake dpkg-query / apt-get / sudo; reader/gui/platform_check.py in a child process with a
controlled environment.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.gui import platform_check
from reader.gui.platform_check import SystemPackage, check, parse_package_list, qt_platforms, read_package_list

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "resources" / "system-packages.txt"
LINUX = sys.platform.startswith("linux")
# The libraries the issue saw missing on a bare Debian 12 (Qt's xcb plugin cannot load without them).
XCB_PACKAGES = ("libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxcb-xkb1",
                "libxcb-cursor0", "libxcb-image0", "libxcb-render-util0", "libglib2.0-0")


def _system_deps():
    spec = importlib.util.spec_from_file_location("system_deps", ROOT / "packaging" / "system_deps.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _packages() -> list[SystemPackage]:
    return read_package_list(LIST)


def _run_names() -> set[str]:
    return {p.name for p in _packages() if p.tag == "run"}


# --- the list -----------------------------------------------------------------------------------


def test_list_parses_and_names_each_package_once():
    packages = _packages()
    names = [p.name for p in packages]
    assert len(names) == len(set(names))
    assert {p.tag for p in packages} == {"run", "test"}
    assert set(XCB_PACKAGES) <= _run_names()
    assert {"xvfb", "xauth", "openbox", "xdotool", "strace", "poppler-utils", "desktop-file-utils",
            "appstream", "binutils"} <= {p.name for p in packages if p.tag == "test"}
    assert any(p.name.startswith("fonts-") for p in packages if p.tag == "run"), "no CJK font: Chinese shows as boxes"
    libraries = [lib for p in packages for lib in (*p.libraries, *p.optional_libraries)]
    assert len(libraries) == len(set(libraries)), "a library is listed under two packages"
    assert all(re.fullmatch(r"lib[\w+.-]+\.so\.\d+", lib) for lib in libraries), libraries


def test_parser_reads_versions_optional_libraries_and_comments():
    packages = parse_package_list("# a comment\n\nlibc6 (>= 2.34)  run  libc.so.6 libm.so.6\n"
                                  "libcups2 run libcups.so.2?  # printing\nxvfb test\n")
    assert packages == [
        SystemPackage("libc6", "run", ">= 2.34", ("libc.so.6", "libm.so.6")),
        SystemPackage("libcups2", "run", "", (), ("libcups.so.2",)),
        SystemPackage("xvfb", "test"),
    ]
    assert packages[0].depends == "libc6 (>= 2.34)"
    with pytest.raises(ValueError, match="line 1"):
        parse_package_list("libfoo sometimes libfoo.so.1\n")


def test_deb_depends_on_exactly_the_run_packages():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        spec = importlib.util.spec_from_file_location("build_deb", ROOT / "packaging" / "linux" / "build_deb.py")
        build_deb = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(build_deb)
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    depends = [d.strip() for d in build_deb.DEPENDS.split(",")]
    assert [d.split(" (")[0] for d in depends] == [p.name for p in _packages() if p.tag == "run"]
    assert "libc6 (>= 2.34)" in depends
    assert set(XCB_PACKAGES) <= {d.split(" (")[0] for d in depends}


# --- the list against the Qt wheel ----------------------------------------------------------------


def _pyside() -> Path:
    spec = importlib.util.find_spec("PySide6")
    return Path(spec.origin).parent


def _needed(path: Path) -> list[str]:
    """The sonames an ELF file links against (DT_NEEDED), read by objdump."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s+NEEDED\s+(\S+)$", out, re.MULTILINE)


# What Lectern loads: the Qt modules it imports, the xcb and offscreen platforms, and the plugins Qt
# loads for them (images, icons, TLS, input methods, printing). Startup = what the xcb window needs.
_STARTUP = ("Qt/lib/libQt6Core.so.6", "Qt/lib/libQt6Gui.so.6", "Qt/lib/libQt6Widgets.so.6",
            "Qt/lib/libQt6Network.so.6", "Qt/lib/libQt6PrintSupport.so.6", "Qt/lib/libQt6Svg.so.6",
            "Qt/lib/libQt6DBus.so.6", "Qt/lib/libQt6XcbQpa.so.6", "Qt/plugins/platforms/libqxcb.so",
            "QtCore.abi3.so", "QtGui.abi3.so", "QtWidgets.abi3.so", "QtNetwork.abi3.so", "QtPrintSupport.abi3.so",
            "QtSvg.abi3.so")
_FEATURES = ("Qt/plugins/platforms/libqoffscreen.so", "Qt/plugins/xcbglintegrations/*.so",
             "Qt/plugins/imageformats/libq[!p]*.so", "Qt/plugins/iconengines/*.so", "Qt/plugins/tls/*.so",
             "Qt/plugins/platforminputcontexts/libcompose*.so", "Qt/plugins/platforminputcontexts/libibus*.so",
             "Qt/plugins/printsupport/*.so")


@pytest.fixture(scope="module")
def qt_libraries() -> dict[str, set[str]]:
    """{"startup": sonames, "features": sonames} that the wheel's Qt needs from the system."""
    if not LINUX:
        pytest.skip("the system libraries of Qt's Linux wheel")
    if shutil.which("objdump") is None:
        pytest.skip("objdump is missing (binutils, in the list's test packages)")
    pyside = _pyside()
    bundled = {p.name for folder in (pyside / "Qt" / "lib", pyside, pyside.parent / "shiboken6")
               for p in folder.glob("*.so*")}

    def external(patterns) -> set[str]:
        files = [f for pattern in patterns for f in pyside.glob(pattern)]
        files += list(pyside.glob("libpyside6*.so*")) + list((pyside.parent / "shiboken6").glob("*.so*"))
        assert files
        return {so for f in files for so in _needed(f) if so not in bundled and not so.startswith("ld-linux")}

    startup = external(_STARTUP)
    return {"startup": startup, "features": external(_FEATURES) - startup}


def test_every_library_the_xcb_window_needs_is_checked_at_start(qt_libraries):
    required = {lib for p in _packages() if p.tag == "run" for lib in p.libraries}
    assert sorted(qt_libraries["startup"] - required) == [], "add them to resources/system-packages.txt"
    # and nothing is required that Qt does not need to start: Lectern would refuse to start without it
    assert sorted(required - qt_libraries["startup"]) == []


def test_every_library_of_the_plugins_lectern_uses_is_listed(qt_libraries):
    listed = {lib for p in _packages() if p.tag == "run" for lib in (*p.libraries, *p.optional_libraries)}
    assert sorted(qt_libraries["features"] - listed) == [], "add them (with ?) to resources/system-packages.txt"


def test_each_library_belongs_to_its_package():
    """dpkg -S of every listed library found on this machine names the package the list gives."""
    if not (LINUX and shutil.which("dpkg") and shutil.which("ldconfig")):
        pytest.skip("needs dpkg and ldconfig")
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    found = {}
    for so, flags, path in re.findall(r"^\s+(\S+) \(([^)]*)\) => (\S+)$", cache, re.MULTILINE):
        if (arch != "amd64" or "x86-64" in flags) and so not in found:
            found[so] = path
    owner = {lib: p.name for p in _packages() for lib in (*p.libraries, *p.optional_libraries)}
    paths = {lib: found[lib] for lib in owner if lib in found}
    if not paths:
        pytest.skip("none of the listed libraries is installed")
    wrong = {}
    for lib, path in paths.items():
        candidates = {path, os.path.realpath(path)}
        candidates |= {"/usr" + c for c in set(candidates) if not c.startswith("/usr/")}  # merged /usr
        out = subprocess.run(["dpkg", "-S", *sorted(candidates)], capture_output=True, text=True).stdout
        packages = {line.split(":")[0].removesuffix("t64") for line in out.splitlines() if ": " in line}
        if owner[lib] not in packages:  # (Ubuntu 24.04's libglib2.0-0t64 provides libglib2.0-0)
            wrong[lib] = (owner[lib], sorted(packages))
    assert wrong == {}
    not_installed = set(_system_deps().missing_packages(sorted(_run_names())))
    unfound = [lib for lib in owner if lib not in found and owner[lib] not in not_installed]
    assert unfound == [], "their packages are installed but do not give them"


# --- platform_check: what `lectern` says instead of Qt's abort ----------------------------------


def test_the_platform_qt_picks():
    assert qt_platforms({}) == ["xcb"]
    assert qt_platforms({"DISPLAY": ":0"}) == ["xcb"]
    assert qt_platforms({"WAYLAND_DISPLAY": "wayland-0"}) == ["wayland", "xcb"]
    assert qt_platforms({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}) == ["xcb"]
    assert qt_platforms({"QT_QPA_PLATFORM": "offscreen"}) == ["offscreen"]
    assert qt_platforms({"QT_QPA_PLATFORM": "xcb:nograb;wayland"}) == ["xcb", "wayland"]


def _never(_name):
    raise AssertionError("nothing should be loaded here")


def test_no_display_is_one_sentence_naming_xvfb_run_and_lectern_cli():
    message = check({}, packages=[], platform="linux", argv=["/srv/society"], load=_never)
    assert message.count(". ") == 0 and "\n" not in message
    assert "xvfb-run -a lectern /srv/society" in message and "lectern-cli" in message
    assert check({"QT_QPA_PLATFORM": "xcb"}, packages=[], platform="linux", argv=[], load=_never) == message.replace(
        " /srv/society", "")


def test_nothing_is_checked_where_no_display_is_needed_or_qt_needs_no_system_libraries():
    assert check({"QT_QPA_PLATFORM": "offscreen"}, packages=[], platform="linux", load=_never) is None
    assert check({"QT_QPA_PLATFORM": "minimal"}, packages=[], platform="linux", load=_never) is None
    assert check({}, packages=[], platform="darwin", load=_never) is None
    assert check({}, packages=[], platform="win32", load=_never) is None
    assert check({"WAYLAND_DISPLAY": "wayland-0"}, packages=[], platform="linux", load=_never) is None


def test_a_missing_library_is_named_with_its_package_and_the_apt_command():
    packages = parse_package_list("libxcb-cursor0 run libxcb-cursor.so.0\nlibxcb1 run libxcb.so.1\n"
                                  "libcups2 run libcups.so.2?\nxvfb test\n")
    loaded = []

    def load(name):
        loaded.append(name)
        if name == "libxcb-cursor.so.0":
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")

    message = check({"DISPLAY": ":0"}, packages=packages, platform="linux", load=load,
                    display_answers=lambda: True)
    assert loaded == ["libxcb-cursor.so.0", "libxcb.so.1"]  # an optional library is not a reason to stop
    assert "libxcb-cursor.so.0" in message and "libxcb-cursor0" in message
    assert re.search(r"(sudo )?apt-get install --no-install-recommends libxcb-cursor0$", message)
    assert "\n" not in message
    assert check({"DISPLAY": ":0"}, packages=packages, platform="linux", load=lambda name: None,
                 display_answers=lambda: True) is None


def test_a_display_that_does_not_answer_is_said():
    message = check({"DISPLAY": ":4711"}, packages=[], platform="linux", argv=[], display_answers=lambda: False)
    assert "DISPLAY=:4711 does not answer" in message and "xvfb-run" in message


def _lectern_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE", "LECTERN_RESOURCES")}
    return {**env, **extra}


def _lectern(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader.gui.app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.mark.skipif(not LINUX, reason="Linux: no display is a Linux (X11/Wayland) matter")
def test_lectern_without_a_display_says_so_and_exits_1():
    result = _lectern("resources/guide", env=_lectern_env())
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "there is none here" in result.stderr
    assert "xvfb-run -a lectern resources/guide" in result.stderr and "lectern-cli" in result.stderr


@pytest.mark.skipif(not LINUX, reason="Linux: Qt's xcb plugin")
def test_lectern_names_a_missing_library_and_its_package(tmp_path):
    (tmp_path / "system-packages.txt").write_text(
        LIST.read_text(encoding="utf-8") + "libxcb-lectern-test0  run  libxcb-lectern-test.so.0\n", encoding="utf-8")
    result = _lectern(env=_lectern_env(DISPLAY=":4711", LECTERN_RESOURCES=str(tmp_path)))
    assert result.returncode == 1, result.stderr
    line = result.stderr.strip()
    assert "\n" not in line
    assert "libxcb-lectern-test.so.0 (Debian/Ubuntu package libxcb-lectern-test0) is missing" in line
    assert line.endswith("apt-get install --no-install-recommends libxcb-lectern-test0")


@pytest.mark.skipif(not LINUX, reason="Linux: X11")
def test_lectern_with_a_display_that_does_not_answer_says_so():
    result = _lectern(env=_lectern_env(DISPLAY=":4711"))
    assert result.returncode == 1
    assert "DISPLAY=:4711 does not answer" in result.stderr, result.stderr


@pytest.mark.skipif(not (LINUX and shutil.which("xvfb-run")), reason="needs xvfb-run (xvfb, a test package)")
def test_nothing_stops_lectern_on_a_real_x_server():
    code = "import sys; from reader.gui.platform_check import check; sys.exit(check(argv=[]))"
    result = subprocess.run(["xvfb-run", "-a", sys.executable, "-c", code], cwd=ROOT, env=_lectern_env(),
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_self_test_still_runs_without_a_display():
    result = _lectern("--self-test", env=_lectern_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "self-test OK" in result.stdout


def test_platform_check_and_system_deps_need_nothing_but_the_standard_library():
    code = ("import sys; import reader.gui.platform_check; "
            "assert not [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')], 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=30)
    # -S: no site-packages at all, as with the bare machine's python3 before the virtual environment exists
    result = subprocess.run([sys.executable, "-S", "packaging/system_deps.py", "--list", "run", "test"], cwd=ROOT,
                            capture_output=True, text=True, check=True, timeout=30)
    assert result.stdout.split() == [p.name for p in _packages()]


# --- system_deps.py: installing what is missing, with a fake dpkg-query, apt-get and sudo -------------


_FAKE = r'''
import os, sys
from pathlib import Path
state = Path(os.environ["FAKE_STATE"])
installed = set((state / "installed").read_text().split())
name = Path(sys.argv[0]).name
with open(state / "log", "a") as log:
    log.write(" ".join([name, *sys.argv[1:]]) + "\n")
if name == "dpkg-query":
    names = [a for a in sys.argv[1:] if not a.startswith("-")]
    for n in names:
        if n in installed:
            print(f"{n} install ok installed")
        else:
            print(f"dpkg-query: no packages found matching {n}", file=sys.stderr)
    sys.exit(0 if set(names) <= installed else 1)
if name == "sudo":
    args = sys.argv[1:]
    assert args[0] == "-n"
    if not (state / "sudo-ok").exists():
        print("sudo: a password is required", file=sys.stderr)
        sys.exit(1)
    if args[1:] == ["true"]:
        sys.exit(0)
    assert args[1:3] == ["env", "DEBIAN_FRONTEND=noninteractive"], args
    os.execv(str(state / "bin" / args[3]), args[3:])
if name == "apt-get":
    if sys.argv[1] == "update":
        (state / "updated").touch()
        sys.exit(0)
    assert sys.argv[1] == "install" and "-y" in sys.argv and "--no-install-recommends" in sys.argv
    if not (state / "updated").exists() and (state / "needs-update").exists():
        print("E: Unable to locate package", file=sys.stderr)
        sys.exit(100)
    names = [a for a in sys.argv[2:] if not a.startswith("-") and "=" not in a]
    (state / "installed").write_text(" ".join(sorted(installed | set(names))))
    sys.exit(0)
'''

_LIST = "libfoo1 run libfoo.so.1\nlibbar2 (>= 2) run\nxvfb test\nstrace test\n"


@pytest.fixture
def fake_debian(tmp_path, monkeypatch):
    """A PATH with fake dpkg-query, apt-get and sudo that keep their state in tmp_path; returns a runner."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dpkg-query", "apt-get", "sudo"):
        (bin_dir / tool).write_text(f"#!{sys.executable}\n{_FAKE}", encoding="utf-8")
        (bin_dir / tool).chmod(0o755)
    (tmp_path / "installed").write_text("")
    (tmp_path / "log").write_text("")
    (tmp_path / "list.txt").write_text(_LIST)
    monkeypatch.setenv("FAKE_STATE", str(tmp_path))
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(sys, "platform", "linux")
    system_deps = _system_deps()

    def run(*args: str, root: bool = True) -> int:
        monkeypatch.setattr(system_deps.os, "geteuid", lambda: 0 if root else 1000)
        return system_deps.main([*args, "--file", str(tmp_path / "list.txt")])

    run.state = tmp_path
    run.log = lambda: (tmp_path / "log").read_text().splitlines()
    return run


def test_a_set_up_machine_installs_nothing(fake_debian):
    (fake_debian.state / "installed").write_text("libfoo1 libbar2 xvfb strace")
    assert fake_debian("--install", "run", "test") == 0
    assert [line.split()[0] for line in fake_debian.log()] == ["dpkg-query"]  # one question, nothing else


def test_as_root_the_missing_packages_are_installed_with_apt_get(fake_debian, capsys):
    (fake_debian.state / "installed").write_text("libfoo1")
    assert fake_debian("--install", "run") == 0
    apt = [line for line in fake_debian.log() if line.startswith("apt-get")]
    assert apt == ["apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 libbar2"]
    assert "installing libbar2" in capsys.readouterr().out
    assert fake_debian("--install", "run", "test") == 0  # then the test ones, and only those
    assert fake_debian.log()[-2].endswith("--no-install-recommends -o DPkg::Lock::Timeout=300 xvfb strace")


def test_a_machine_that_never_ran_apt_get_update_is_updated_once(fake_debian):
    (fake_debian.state / "needs-update").touch()
    assert fake_debian("--install", "run") == 0
    apt = [line.split()[1] for line in fake_debian.log() if line.startswith("apt-get")]
    assert apt == ["install", "update", "install"]
    assert (fake_debian.state / "installed").read_text().split() == ["libbar2", "libfoo1"]


def test_without_root_sudo_n_is_used_when_it_needs_no_password(fake_debian):
    (fake_debian.state / "sudo-ok").touch()
    assert fake_debian("--install", "run", root=False) == 0
    assert [line for line in fake_debian.log() if line.startswith("sudo")] == [
        "sudo -n true",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "
        "-o DPkg::Lock::Timeout=300 libfoo1 libbar2"]


def test_without_root_or_sudo_it_stops_with_the_one_command_to_run(fake_debian, capsys):
    assert fake_debian("--install", "run", "test", root=False) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.endswith("sudo apt-get install --no-install-recommends libfoo1 libbar2 xvfb strace")
    assert not [line for line in fake_debian.log() if line.startswith("apt-get")]


def test_check_and_list(fake_debian, capsys):
    (fake_debian.state / "installed").write_text("libfoo1 xvfb")
    assert fake_debian("--check", "run", "test") == 1
    assert capsys.readouterr().err.strip().endswith("libbar2 strace")
    assert fake_debian("--list", "test") == 0
    assert capsys.readouterr().out.strip() == "xvfb strace"
    assert fake_debian("--depends") == 0
    assert capsys.readouterr().out.strip() == "libfoo1, libbar2 (>= 2)"


def test_without_dpkg_the_missing_libraries_are_named_and_make_goes_on(fake_debian, capsys):
    (fake_debian.state / "bin" / "dpkg-query").unlink()
    assert fake_debian("--install", "run", "test") == 0
    err = capsys.readouterr().err
    assert "libfoo.so.1 (Debian: libfoo1)" in err
    assert not [line for line in fake_debian.log() if line.startswith("apt-get")]


# --- the list's readers -----------------------------------------------------------------------------


def test_make_installs_the_system_packages_before_anything_else():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\$\(STAMP\): pyproject.toml \| system-packages$", text, re.MULTILINE)
    assert re.search(r"^system-packages:\n\t@\$\(PYTHON\) packaging/system_deps.py --install \$\(SYSTEM_TAGS\)$",
                     text, re.MULTILINE)
    assert re.search(r"^run: SYSTEM_TAGS := run$", text, re.MULTILINE)
    assert re.search(r"^SYSTEM_TAGS := run test$", text, re.MULTILINE)
    assert re.search(r"^clean:\n\trm -rf .*bench/\.corpora", text, re.MULTILINE)
    if shutil.which("make") is None:
        return
    # Everything rebuilt (-B), nothing run (-n): the packages come first, before the venv and lrelease.
    for target, tags in (("run", "run"), ("qm", "run test")):
        out = subprocess.run(["make", "--no-print-directory", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True,
                             timeout=60).stdout.splitlines()
        assert out[0].endswith(f"packaging/system_deps.py --install {tags}"), out[:3]
        assert any("pyside6-lrelease" in line for line in out[1:])


def test_ci_installs_the_list_then_runs_make_test_and_package_test():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "apt-get update -qq" in text
    install = next(i for i, c in enumerate(commands) if "packaging/system_deps.py --install run test" in c)
    assert commands[-2:] == ["make test", "make package-test"] and install < len(commands) - 2


def test_readme_names_the_list_and_keeps_two_set_up_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up and run (developers)", 1)[1].split("\n## ", 1)[0]
    block = setup.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in block.strip().splitlines()] == [["make", "run"], ["make", "test"]]
    assert "resources/system-packages.txt" in setup
    assert "apt-get install --no-install-recommends $(python3 packaging/system_deps.py --list run test)" in setup


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib", reason="Python 3.11+ reads TOML")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_list_ships_with_every_build():
    setuptools = _pyproject()["tool"]["setuptools"]
    assert "system-packages.txt" in setuptools["package-data"]["lectern_resources"]
    spec = (ROOT / "packaging" / "lectern.spec").read_text(encoding="utf-8")
    assert '(str(RES / "system-packages.txt"), "resources")' in spec
    assert platform_check.package_list_path() == LIST


def test_every_resources_folder_is_a_declared_package():
    """setuptools prints a screenful of "Package would be ignored" for each folder that is not."""
    setuptools = _pyproject()["tool"]["setuptools"]
    resources = ROOT / "resources"
    folders = {"lectern_resources." + ".".join(p.relative_to(resources).parts)
               for p in resources.rglob("*") if p.is_dir() and "__pycache__" not in p.parts}
    assert sorted(folders - set(setuptools["packages"])) == []
    for folder in folders:
        assert folder in setuptools["package-data"], folder


def test_pytest_keeps_temporary_folders_only_for_failed_tests():
    options = _pyproject()["tool"]["pytest"]["ini_options"]
    assert options["tmp_path_retention_policy"] == "failed"
