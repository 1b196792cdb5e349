/* Why C: a shell can start vrest with stdout closed (`vrest ... >&-`). Before main,
 * the Rust runtime reopens a closed fd 0, 1 or 2 on /dev/null, so every write would
 * then succeed and vrest would exit 0; safe Rust cannot see the difference. This
 * constructor runs before that (from .init_array) and ends the run the way a failed
 * write does: one line on stderr, exit status 1. Linked into the vrest binary only
 * (build.rs). Closed stdin or stderr does not matter here. */
#include <fcntl.h>
#include <unistd.h>

__attribute__((constructor)) static void vrest_stdout_open(void) {
    static const char line[] = "vrest: error: cannot write the output: standard output is closed\n";
    if (fcntl(1, F_GETFD) == -1) {
        (void)!write(2, line, sizeof line - 1);
        _exit(1);
    }
}
