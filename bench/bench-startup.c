/* bench-startup.c: from exec to the first frame a program reports
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-startup COMMAND [ARGUMENT…]
 *
 * Reads CLOCK_MONOTONIC, starts COMMAND with DA_REPORT_FIRST_FRAME=1 in its environment, reads
 * its standard error until the line "first-frame <µs>" (CLOCK_MONOTONIC, written by the
 * program after the frame is painted: see src/widgets/da-first-frame.h), ends it and prints
 *
 *   startup ms=M
 *
 * Fails after 60 seconds without the line.
 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
main (int   argc,
      char *argv[])
{
  char buffer[65536];
  size_t length = 0;
  long long start, deadline, frame = -1;
  int fds[2];
  pid_t pid;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s COMMAND [ARGUMENT…]\n", argv[0]);
      return 2;
    }
  if (pipe (fds) != 0)
    return 1;

  setenv ("DA_REPORT_FIRST_FRAME", "1", 1);
  start = now_us ();
  pid = fork ();
  if (pid < 0)
    return 1;
  if (pid == 0)
    {
      dup2 (fds[1], STDERR_FILENO);
      close (fds[0]);
      close (fds[1]);
      execvp (argv[1], argv + 1);
      _exit (127);
    }
  close (fds[1]);

  deadline = start + 60 * 1000000LL;
  while (frame < 0 && now_us () < deadline)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      ssize_t n;
      char *line;

      if (poll (&pfd, 1, 1000) <= 0)
        continue;
      if (length == sizeof buffer - 1)
        length = 0;   /* only the last lines matter */
      n = read (fds[0], buffer + length, sizeof buffer - 1 - length);
      if (n <= 0)
        break;
      length += (size_t) n;
      buffer[length] = '\0';
      line = strstr (buffer, "first-frame ");
      if (line != NULL && strchr (line, '\n') != NULL)
        frame = atoll (line + strlen ("first-frame "));
    }

  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  close (fds[0]);

  if (frame < 0)
    {
      fprintf (stderr, "%s: no first frame reported; its output:\n%s\n", argv[0], buffer);
      return 1;
    }

  printf ("startup ms=%.1f\n", (frame - start) / 1000.0);
  return 0;
}
