// Evidence uploads: the file goes straight from the browser to the upload endpoint (POST /api/v1/workspaces/{id}/evidence/{kind}),
// streamed by XMLHttpRequest (which reports upload progress, unlike fetch), with the cookie and the antiforgery token. The page
// hears how many bytes went out, then the answer; the import's own progress comes over the page's live events.

// Starts uploading the file chosen in `input` to `url` (a query string already started with '?'); calls the .NET object's
// Progress(sent, total) as bytes go out (at most once per percent), then Done(status, body, error). Returns the file's name,
// or "" when no file is chosen.
export async function upload(input, url, dotnet) {
  const file = input && input.files && input.files[0];
  if (!file) return "";
  let token;
  try {
    const response = await fetch("/api/v1/account/antiforgery", { credentials: "same-origin" });
    token = await response.json();
  } catch (e) {
    await dotnet.invokeMethodAsync("Done", 0, "", "the server could not be reached (" + e + ")");
    return file.name;
  }

  const xhr = new XMLHttpRequest();
  xhr.open("POST", url + "&name=" + encodeURIComponent(file.name));
  xhr.setRequestHeader(token.header_name, token.token);
  xhr.setRequestHeader("Content-Type", "application/octet-stream");
  let percent = -1;
  xhr.upload.addEventListener("progress", e => {
    if (!e.lengthComputable || e.total === 0) return;
    const now = Math.floor((e.loaded * 100) / e.total);
    if (now !== percent) {
      percent = now;
      dotnet.invokeMethodAsync("Progress", e.loaded, e.total);
    }
  });
  xhr.addEventListener("load", () => dotnet.invokeMethodAsync("Done", xhr.status, xhr.responseText, null));
  xhr.addEventListener("error", () => dotnet.invokeMethodAsync("Done", 0, "", "the connection to the server was lost"));
  xhr.addEventListener("abort", () => dotnet.invokeMethodAsync("Done", 0, "", "the upload was stopped"));
  xhr.send(file);
  return file.name;
}

// The name and size of the file chosen in `input`, or null.
export function chosen(input) {
  const file = input && input.files && input.files[0];
  return file ? { name: file.name, size: file.size } : null;
}
