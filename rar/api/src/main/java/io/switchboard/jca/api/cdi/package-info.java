/**
 * CDI access to Switchboard connection factories: {@code @Inject @SwitchboardResource("java:/switchboard/Default")
 * SwitchboardConnectionFactory factory}. The producer lives in this jar, which ships inside the {@code .rar};
 * WildFly's Weld discovers it as an external bean archive of a deployment that depends on the rar with
 * {@code meta-inf} imported ({@code Dependencies: deployment.switchboard.rar meta-inf}).
 */
package io.switchboard.jca.api.cdi;
