/* dv-cli-build.h: `depview-cli build`, the user's go build with the dump
 * and the sizes captured. */
#pragma once

/* argv[0] is "build"; returns the exit status (0, or 2 with a message). */
int dv_cli_build (int argc, char **argv);
