# The offline dev-platform: no packages, the toolchains come from PATH.
from platformio.public import PlatformBase


class MvtkbaremetalPlatform(PlatformBase):
    def is_embedded(self):
        return True
