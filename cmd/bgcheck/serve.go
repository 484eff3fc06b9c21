package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/config"
	"github.com/bgcheck/bgcheck/internal/mail"
	"github.com/bgcheck/bgcheck/internal/web"
)

// demoAddr is where demo listens unless told otherwise: loopback only,
// because demo data and the mail page are for the person at the machine.
const demoAddr = "127.0.0.1:8080"

// serve runs the service until ctx ends. In demo mode it uses the data
// folder's SQLite database, catches mail in-process and seeds a demo
// organisation on first start.
func (e env) serve(ctx context.Context, args []string, demo bool) error {
	name, synopsis := "serve", "serve [flags]"
	if demo {
		name, synopsis = "demo", "demo [--addr HOST:PORT] [--data-dir DIR]"
	}
	fs := e.flags(name, synopsis)
	cfg, err := e.config(fs, args, demo)
	if err != nil {
		return err
	}
	if demo && e.getenv("BGCHECK_ADDR") == "" && !flagSet(fs, "addr") {
		cfg.Addr = demoAddr
		cfg.BaseURL, cfg.BaseURLDerived = "http://"+demoAddr, true
	}
	var catcher *mail.Catcher
	if demo {
		if catcher, err = mail.StartCatcher("127.0.0.1:0"); err != nil {
			return fmt.Errorf("demo mail catcher: %w", err)
		}
		defer catcher.Close()
		cfg.SMTP = config.SMTP{Host: catcher.Host(), Port: catcher.Port(), TLS: "none", From: "bgcheck demo <no-reply@demo.bgcheck.test>"}
	} else if err := cfg.CheckServe(); err != nil {
		return err
	}
	log := e.logger(cfg)
	sender, err := mail.NewSMTP(mail.SMTPConfig{
		Host: cfg.SMTP.Host, Port: cfg.SMTP.Port, TLS: cfg.SMTP.TLS,
		Username: cfg.SMTP.Username, Password: cfg.SMTP.Password, From: cfg.SMTP.From,
	})
	if err != nil {
		return fmt.Errorf("BGCHECK_SMTP_*: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("BGCHECK_ADDR: %w", err)
	}
	defer ln.Close()
	if cfg.BaseURLDerived {
		// The port may have been chosen by the system (":0").
		scheme := strings.SplitN(cfg.BaseURL, "://", 2)[0]
		cfg.BaseURL = scheme + "://" + ln.Addr().String()
	}
	s, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	created := false
	if demo {
		if created, err = seedDemo(ctx, s); err != nil {
			return err
		}
		broker, err := startDemoBroker(ctx, cfg)
		if err != nil {
			return err
		}
		defer broker.Close()
	}
	if err := s.connectMitID(ctx); err != nil {
		return err
	}
	if err := s.connectRegisters(demo); err != nil {
		return err
	}
	svc := web.Services{
		Portal: s.app.Portal(),
		Auth:   s.app.Auth(), Users: s.app.Users(), Orgs: s.app.Organisations(), Audit: s.app.Audit(), Health: s.app,
		Packages: s.app.Packages(), Cases: s.app.Cases(), Webhooks: s.app.Webhooks(),
		APIKeys: s.app.APIKeys(), Idempotency: s.app.Idempotency(),
	}
	if catcher != nil {
		svc.Mail = catcherOutbox{catcher}
	}
	h, err := web.New(web.Config{
		Secure: cfg.Secure(), ProxyHops: cfg.ProxyHops, MaxBodyBytes: cfg.MaxBodyBytes,
		DevMail: demo, CSRFKey: []byte(cfg.CSRFKey), MaxUploadBytes: cfg.MaxUploadBytes,
	}, svc, log)
	if err != nil {
		return err
	}
	s.runner.Handle(app.JobSendMail, s.app.MailHandler(sender))
	s.runner.Handle(app.JobCaseReminder, s.app.ReminderHandler())
	s.runner.Handle(app.JobAnalyse, s.app.AnalysisHandler())
	s.runner.Handle(app.JobWebhookDeliver, s.app.WebhookHandler())

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { s.runner.Run(ctx, cfg.Workers) })
	wg.Go(func() { s.app.Every(ctx, 5*time.Minute, "sweep", s.app.Sweep) })
	wg.Go(func() {
		s.app.Every(ctx, cfg.CheckpointEvery, "audit checkpoint", func(ctx context.Context) error {
			_, err := s.app.Audit().Checkpoint(ctx)
			return err
		})
	})
	wg.Go(func() { s.app.Every(ctx, 24*time.Hour, "planner statistics", s.db.Optimize) })
	wg.Go(func() {
		s.app.Every(ctx, 24*time.Hour, "blob gc", func(ctx context.Context) error {
			_, err := s.blobGC(ctx, 24*time.Hour)
			return err
		})
	})

	if demo {
		printDemoBanner(e.stdout, cfg.BaseURL, cfg.DataDir, created)
	}
	log.Info("bgcheck listening", "addr", ln.Addr().String(), "url", cfg.BaseURL, "database", s.db.Dialect().String(), "version", version)
	opts := web.DefaultServerOptions()
	opts.TLSCertFile, opts.TLSKeyFile = cfg.TLSCertFile, cfg.TLSKeyFile
	err = web.Serve(ctx, ln, h, opts, log)
	cancel()
	wg.Wait()
	return err
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// catcherOutbox lists the demo mail catcher's messages on /dev/mail.
type catcherOutbox struct{ c *mail.Catcher }

func (o catcherOutbox) Recent(_ context.Context, limit int) ([]web.SentMail, error) {
	msgs := o.c.Messages()
	out := make([]web.SentMail, 0, min(limit, len(msgs)))
	for i := 0; i < len(msgs) && i < limit; i++ {
		m := msgs[i]
		out = append(out, web.SentMail{To: m.To, Subject: m.Subject, Text: m.Text, At: m.At})
	}
	return out, nil
}
