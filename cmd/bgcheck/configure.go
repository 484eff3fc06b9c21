package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/bgcheck/bgcheck/internal/config"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/logging"
)

// demoKeyRing is where demo mode keeps its generated master key ring.
const demoKeyRing = "master.keys"

// config parses args into fs (after registering the configuration flags)
// and loads the configuration. When no master key is configured it uses
// the data folder's demo key ring, which demo mode creates if missing.
func (e env) config(fs *flag.FlagSet, args []string, demo bool) (*config.Config, error) {
	config.RegisterFlags(fs)
	if err := e.parse(fs, args); err != nil {
		return nil, err
	}
	cfg, err := config.Load(e.getenv, fs)
	if err != nil {
		return nil, err
	}
	if cfg.MasterKey != "" {
		return cfg, nil
	}
	path := filepath.Join(cfg.DataDir, demoKeyRing)
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		cfg.MasterKey, cfg.MasterKeyFile = string(b), path
	case errors.Is(err, os.ErrNotExist) && demo:
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("BGCHECK_DATA_DIR: %w", err)
		}
		ring, err := crypto.GenerateKeyRing()
		if err != nil {
			return nil, err
		}
		if err := crypto.WriteKeyRingFile(path, ring); err != nil {
			return nil, err
		}
		cfg.MasterKey, cfg.MasterKeyFile = string(ring), path
	case errors.Is(err, os.ErrNotExist):
		// serve reports the missing key in CheckServe.
	default:
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return cfg, nil
}

func (e env) logger(cfg *config.Config) *slog.Logger {
	return logging.New(e.stderr, cfg.LogLevel, cfg.LogFormat)
}
