<?php
$error = $_GET['error'] ?? null;
?>
<form method="post" action="/login">
  <?php if ($error): ?>
    <div class="alert"><?= $error ?></div>
  <?php endif; ?>
  <input name="email" type="email">
  <button>Sign in</button>
</form>
