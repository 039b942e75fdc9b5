$(function () {
  const ref = new URL(window.location.href).searchParams.get('ref');
  if (ref) {
    $('#referral-note').html('You were invited by ' + ref);
    $('#referral-note').show();
  }
});
