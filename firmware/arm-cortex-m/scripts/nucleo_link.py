# Lab env nucleo_f446re (official ststm32 platform, no framework): link with
# our startup (no crt0) and the hard-float ABI the sources are compiled for.
Import("env")  # noqa: F821
env.Append(
    LINKFLAGS=["-nostartfiles", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard", "-specs=nano.specs", "-L" + env.subst("$PROJECT_DIR/ld")],
    ASFLAGS=["-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"],
)

# Pick one ST-LINK among several by its serial number (openocd >= 0.11).
import os  # noqa: E402

serial = os.environ.get("MVTK_STLINK_SERIAL")
if serial:
    env.Prepend(UPLOADERFLAGS=["-c", "adapter serial %s" % serial])
