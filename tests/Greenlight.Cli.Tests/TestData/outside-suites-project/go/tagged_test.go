// Request level for a Go suite: a transport that names the running test on every request.
package itemsuite

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

type tagged struct {
	t    *testing.T
	next http.RoundTripper
}

func (x tagged) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Greenlight-Test", x.t.Name())
	return x.next.RoundTrip(r)
}

func TestCreateItemTagged(t *testing.T) {
	client := &http.Client{Transport: tagged{t, http.DefaultTransport}}
	response, err := client.Post(os.Getenv("GREENLIGHT_API_URL")+"/items", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	response.Body.Close()
	if response.StatusCode != http.StatusCreated {
		t.Fatalf("status %d", response.StatusCode)
	}
}
