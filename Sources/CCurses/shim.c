#include "ccurses.h"
#include <stdio.h>

WINDOW *cs_stdscr(void) { return stdscr; }
int cs_lines(void) { return LINES; }
int cs_cols(void) { return COLS; }
void cs_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
attr_t cs_a_normal(void) { return A_NORMAL; }
attr_t cs_a_bold(void) { return A_BOLD; }
attr_t cs_a_reverse(void) { return A_REVERSE; }
attr_t cs_a_underline(void) { return A_UNDERLINE; }
attr_t cs_a_dim(void) { return A_DIM; }
attr_t cs_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
int cs_key_f(int n) { return KEY_F(n); }
SCREEN *cs_newterm_stdio(const char *term) { return newterm(term, stdout, stdin); }
int cs_has_cursor_addressing(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
int cs_colors(void) { return COLORS; }
int cs_color_pairs(void) { return COLOR_PAIRS; }
