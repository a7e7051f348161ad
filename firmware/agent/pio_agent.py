# PlatformIO extra script of the agent library: puts the shared port layer
# (port/include, port/src) and the pinned, patched engine (the installed
# `microvium` package's dist-c, resolved through @mvtk/port) on the include
# path. The engine is never copied: set MVTK_ENGINE_DIR, or have `node` and
# the workspace's node_modules installed.
import os
import subprocess

Import("env")  # noqa: F821  (SCons)

# Every firmware project is a sibling of firmware/agent.
here = os.path.realpath(os.path.join(env.subst("$PROJECT_DIR"), "..", "agent"))
root = os.path.realpath(os.path.join(here, "..", ".."))
port = os.path.join(root, "port")

engine = os.environ.get("MVTK_ENGINE_DIR")
if not engine:
    engine = subprocess.check_output(
        ["node", "--input-type=module", "-e", "import { engineDir } from './index.js'; console.log(engineDir)"],
        cwd=port,
        text=True,
    ).strip()
if not os.path.isfile(os.path.join(engine, "microvium.c")):
    raise SystemExit("mvtk-agent: no microvium.c in %s (run pnpm install)" % engine)

version = os.environ.get("MVTK_ENGINE_VERSION", "8.0.0")
env.Append(
    CPPPATH=[os.path.join(port, "include"), os.path.join(port, "src"), engine],
    CPPDEFINES=[("MVA_ENGINE_VERSION", '\\"%s\\"' % version)],
)
