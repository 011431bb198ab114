// Secure file transfer, enhanced: add and remove files without reloading, and a progress bar for
// each file while the batch uploads. Without this file the plain multi-file form works the same.
const form = document.querySelector("form[data-send-files]")

if (form instanceof HTMLFormElement) {
  const list = form.querySelector("[data-file-rows]")
  const addButton = form.querySelector("[data-add-row]")
  const moreRows = form.querySelector("[data-more-rows]")
  const status = form.querySelector("[data-upload-status]")
  const maxRows = Number(addButton?.getAttribute("data-max-rows") ?? "20")
  const rows = () => Array.from(list.querySelectorAll("[data-file-row]"))

  const hasContent = (row) =>
    Array.from(row.querySelectorAll("input[type=file], textarea")).some((el) => el.value !== "") ||
    row.querySelector(".govuk-form-group--error") !== null

  // Every name, id and label inside a row carries its number; renumber after adding or removing.
  const renumber = () => {
    rows().forEach((row, index) => {
      for (const el of row.querySelectorAll("[name]"))
        el.name = el.name.replace(/^files\[\d+\]/, `files[${index}]`)
      for (const el of row.querySelectorAll("[id]")) el.id = el.id.replace(/^files-\d+-/, `files-${index}-`)
      for (const el of row.querySelectorAll("[for]"))
        el.htmlFor = el.htmlFor.replace(/^files-\d+-/, `files-${index}-`)
      for (const el of row.querySelectorAll("[aria-describedby]"))
        el.setAttribute(
          "aria-describedby",
          el.getAttribute("aria-describedby").replace(/files-\d+-/g, `files-${index}-`)
        )
      for (const el of row.querySelectorAll("[data-file-number]")) el.textContent = String(index + 1)
      row.querySelector("[data-remove-row]").hidden = rows().length === 1
    })
    if (addButton) addButton.hidden = rows().length >= maxRows
  }

  // Keep the rows a person has used (or that show an error), at least one.
  const template = rows()[0].cloneNode(true)
  for (const row of rows().slice(1)) if (!hasContent(row)) row.remove()
  if (moreRows) moreRows.hidden = true

  const blank = () => {
    const row = template.cloneNode(true)
    for (const el of row.querySelectorAll("input[type=file], textarea")) el.value = ""
    for (const el of row.querySelectorAll("select")) {
      // A single choice (a school sending to CAP) stays chosen; otherwise start at "Select ...".
      if (el.options.length > 1 && el.options[0].value === "") el.selectedIndex = 0
    }
    for (const el of row.querySelectorAll(".govuk-error-message")) el.remove()
    for (const el of row.querySelectorAll(".govuk-form-group--error"))
      el.classList.remove("govuk-form-group--error")
    return row
  }

  addButton?.addEventListener("click", () => {
    const row = blank()
    list.append(row)
    renumber()
    row.querySelector("select, input")?.focus()
  })

  list.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-remove-row]") : null
    if (!button) return
    const row = button.closest("[data-file-row]")
    const index = rows().indexOf(row)
    row.remove()
    renumber()
    const next = rows()[Math.min(index, rows().length - 1)]
    next?.querySelector("select, input")?.focus()
  })

  if (addButton) addButton.hidden = false
  renumber()

  // The batch goes up in one request; each file's bar follows its own share of the bytes sent.
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const bars = rows().map((row) => {
      const input = row.querySelector("input[type=file]")
      const size = input?.files?.[0]?.size ?? 0
      const box = row.querySelector("[data-progress]")
      if (size > 0) box.hidden = false
      return { size, bar: box.querySelector("progress") }
    })
    const total = bars.reduce((sum, b) => sum + b.size, 0) || 1
    const button = form.querySelector("button[type=submit]")
    button.disabled = true
    status.textContent = "Uploading your files. Keep this page open."
    const request = new XMLHttpRequest()
    request.upload.addEventListener("progress", (e) => {
      // The request carries the form fields too: scale what was sent to the files' share of it.
      let sent = (e.loaded / (e.lengthComputable ? e.total : total)) * total
      for (const b of bars) {
        const done = Math.max(0, Math.min(b.size, sent))
        sent -= b.size
        if (b.size > 0) {
          const percent = Math.round((done / b.size) * 100)
          b.bar.value = percent
          b.bar.textContent = `${percent}%`
        }
      }
    })
    request.addEventListener("load", () => {
      if (request.responseURL && new URL(request.responseURL).pathname !== new URL(form.action).pathname) {
        window.location.assign(request.responseURL)
        return
      }
      // The form again, with its errors: show it as the page it is.
      document.open()
      document.write(request.responseText)
      document.close()
    })
    request.addEventListener("error", () => {
      button.disabled = false
      status.textContent = "The upload did not finish. Check your connection and try again."
    })
    request.open("POST", form.action)
    request.send(data)
  })
}
