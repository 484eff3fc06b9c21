// Command bgcheck runs the bgcheck background-check service and its
// operator tools.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `bgcheck — background checks done right.

Usage:
  bgcheck <command> [flags]

Commands:
  demo      run on an embedded SQLite database with a demo organisation
  serve     run the service (configuration from BGCHECK_* variables and flags)
  migrate   apply database migrations and exit
  admin     operator tools: organisations, users, audit, keys
  analyze   run the screening rules on one case file (JSON) and print the findings
  version   print the version

Run "bgcheck <command> --help" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// env bundles the process surroundings, so tests can run commands in-process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	e := env{stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		err = e.serve(ctx, rest, false)
	case "demo":
		err = e.serve(ctx, rest, true)
	case "migrate":
		err = e.migrate(ctx, rest)
	case "admin":
		err = e.admin(ctx, rest)
	case "analyze":
		err = e.analyze(rest)
	case "version", "--version":
		fmt.Fprintln(stdout, "bgcheck", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "bgcheck: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintln(stderr, "bgcheck:", err)
		return 1
	}
}

// errUsage reports a usage error whose message has been printed already.
var errUsage = errors.New("usage")

// flags returns a FlagSet that returns errors instead of exiting. It
// prints usage to stdout when help was asked for (so it reaches a pager)
// and to stderr after a mistake.
func (e env) flags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: bgcheck %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args into fs and maps a bad flag to errUsage.
func (e env) parse(fs *flag.FlagSet, args []string) error {
	if slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "-help" || a == "--help" }) {
		fs.SetOutput(e.stdout)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
