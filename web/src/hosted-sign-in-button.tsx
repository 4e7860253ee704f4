import { useEffect, useState } from 'react';
import { hostedSignInConfig, startHostedSignIn, type HostedSignInConfig } from './hosted-sign-in';
import { useSession } from './session';

/**
 * The deployment's sign-in (AWS: the user pool's managed login), above the development sign-in;
 * nothing where the deployment has none (local runs). Shows why the last attempt failed, if it did.
 */
export function HostedSignInButton() {
  const { signInProblem } = useSession();
  const [config, setConfig] = useState<HostedSignInConfig | null>(null);
  useEffect(() => {
    void hostedSignInConfig().then(setConfig);
  }, []);
  if (!config) return null;
  return (
    <div className="hosted-sign-in">
      <button type="button" onClick={() => void startHostedSignIn(config)}>
        统一身份认证登录
      </button>
      {signInProblem ? (
        <p className="field-error" role="alert">
          {signInProblem}
        </p>
      ) : null}
    </div>
  );
}
