$(function () {
  const ref = new URL(window.location.href).searchParams.get('ref');
  if (ref) {
    $('#referral-note').text('You were invited by ' + ref);
    $('#referral-note').show();
  }
});
