<?php
session_start();
if (empty($_SESSION['csrf'])) {
    $_SESSION['csrf'] = sha1(lcg_value() . microtime());
}
?>
<form method="post" action="/transfer">
  <input type="hidden" name="csrf" value="<?= htmlspecialchars($_SESSION['csrf']) ?>">
  <button>Send</button>
</form>
