"""The information step: a heading, a text, and a link or a film, on the big screen and
the phones ("watch the film first"), so a workshop runs from its introduction on."""
