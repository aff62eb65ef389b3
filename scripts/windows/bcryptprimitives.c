/* A stand-in for Windows' bcryptprimitives.dll, for running kaohe under
 * Wine only: Wine 8 has no ProcessPrng, which Rust's standard library calls
 * for randomness on Windows 10 and later (where the real DLL is always
 * present). It fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. Never shipped. */
#include <windows.h>

typedef BOOLEAN(WINAPI *gen_random)(PVOID, ULONG);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static gen_random gen;
    if (!gen) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi) return FALSE;
        gen = (gen_random)(void *)GetProcAddress(advapi, "SystemFunction036");
        if (!gen) return FALSE;
    }
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!gen(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
