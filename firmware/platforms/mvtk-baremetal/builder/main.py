# SCons script of the offline dev-platform: compiles the project (and its
# libraries) with the GCC named by the board's `build.toolchain_prefix`, links
# with the board's linker script and reports sizes. Upload here means "run in
# QEMU" is done by the test harness, not by this script.
import shutil

from SCons.Script import AlwaysBuild, Default, DefaultEnvironment

env = DefaultEnvironment()
board = env.BoardConfig()

prefix = board.get("build.toolchain_prefix")
if not shutil.which(prefix + "-gcc"):
    raise SystemExit("mvtk-baremetal: %s-gcc is not on PATH (apt install gcc-arm-none-eabi / gcc-riscv64-unknown-elf)" % prefix)

env.Replace(
    AR=prefix + "-gcc-ar",
    AS=prefix + "-gcc",
    CC=prefix + "-gcc",
    CXX=prefix + "-g++",
    GDB=prefix + "-gdb",
    OBJCOPY=prefix + "-objcopy",
    RANLIB=prefix + "-gcc-ranlib",
    SIZETOOL=prefix + "-size",
    LINK=prefix + "-gcc",
    ARFLAGS=["rc"],
    PROGSUFFIX=".elf",
    SIZEPROGREGEXP=r"^(?:\.text|\.data|\.rodata|\.init_array|\.fini_array|\.vectors)\s+(\d+).*",
    SIZEDATAREGEXP=r"^(?:\.data|\.bss|\.vmpage|\.stack)\s+(\d+).*",
    SIZECHECKCMD="$SIZETOOL -A -d $SOURCES",
    SIZEPRINTCMD="$SIZETOOL -B -d $SOURCES",
)

arch_flags = board.get("build.arch_flags", "").split()
common = arch_flags + [
    "-Os",
    "-g",
    "-ffunction-sections",
    "-fdata-sections",
    "-ffp-contract=off",
]
env.Append(
    ASFLAGS=arch_flags + ["-x", "assembler-with-cpp"],
    CCFLAGS=common,
    CFLAGS=["-std=c99"],
    LINKFLAGS=arch_flags
    + [
        "-nostartfiles",
        "-Wl,--gc-sections",
        "-Wl,-Map,${BUILD_DIR}/firmware.map",
    ]
    + board.get("build.link_flags", "").split(),
    LIBS=board.get("build.libs", "c gcc").split(),
)

ldscript = board.get("build.ldscript", "")
if ldscript:
    env.Replace(LDSCRIPT_PATH=env.subst("$PROJECT_DIR/" + ldscript))

env.Append(
    BUILDERS=dict(
        ElfToBin=env.Builder(
            action=env.VerboseAction("$OBJCOPY -O binary $SOURCES $TARGET", "Building $TARGET"),
            suffix=".bin",
        )
    )
)

env.Replace(PROGNAME="firmware")
elf = env.BuildProgram()
binary = env.ElfToBin("$BUILD_DIR/${PROGNAME}", elf)
env.Depends(binary, elf)

AlwaysBuild(env.Alias("size", elf, env.VerboseAction("$SIZEPRINTCMD", "Calculating size $SOURCE")))
env.AddPlatformTarget("upload", binary, env.VerboseAction(
    "@echo This environment runs in QEMU: see firmware/README.md", "Nothing to upload"), "Upload")

Default([elf, binary])
