package crypto

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteKeyRingFile writes a key ring to path atomically: a temporary file
// in the same folder (mode 0600) is written and fsynced, renamed over path,
// and the folder is fsynced, so a crash leaves either the old or the new
// ring, never a mix. It refuses data that is not a valid key ring.
func WriteKeyRingFile(path string, data []byte) (err error) {
	if _, err := LoadKeyRing(data); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("key ring: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("key ring: %w", err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("key ring: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("key ring: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("key ring: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("key ring: %w", err)
	}
	return syncDir(dir)
}

// syncDir fsyncs a folder so a rename or new entry in it survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
