#ifndef CCURSES_H
#define CCURSES_H
// Same feature macros as CNcursesw/shim.h so WINDOW and cchar_t agree.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>

// C globals (stdscr, LINES, COLS) are shared mutable state to Swift 6: wrap them.
WINDOW *cs_stdscr(void);
int cs_lines(void);
int cs_cols(void);
// Function-like macros Swift cannot import.
void cs_getmaxyx(WINDOW *w, int *y, int *x);
attr_t cs_a_normal(void);
attr_t cs_a_bold(void);
attr_t cs_a_reverse(void);
attr_t cs_a_underline(void);
attr_t cs_a_dim(void);
attr_t cs_color_pair(int n);
int cs_key_f(int n);
// newterm on stdin/stdout: returns NULL instead of exit()ing like initscr.
SCREEN *cs_newterm_stdio(const char *term);
// 1 if the terminal can position the cursor (TERM=dumb cannot).
int cs_has_cursor_addressing(void);
// COLORS and COLOR_PAIRS globals (valid after start_color).
int cs_colors(void);
int cs_color_pairs(void);
#endif
